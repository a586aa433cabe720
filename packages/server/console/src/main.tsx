/** Entry point of the web console. */
import { render } from "preact";
import { createTokenStore } from "./api/token-store.ts";
import { App } from "./ui/app.tsx";
import "./styles.css";

// The API is served by the same server as the console; a <meta> can point elsewhere (development).
const baseUrl =
  document.querySelector<HTMLMetaElement>('meta[name="durably-api-base"]')?.content ?? "";
const root = document.getElementById("app");
if (root !== null)
  render(<App baseUrl={baseUrl} tokens={createTokenStore(globalThis.sessionStorage)} />, root);
