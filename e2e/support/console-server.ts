/**
 * A real Durably server for the console's browser tests: an engine on the memory store and the
 * system clock, the HTTP API of packages/server with auth on, and the built console in front of
 * it, listening on 127.0.0.1 with a free port.
 */
import { existsSync } from "node:fs";
import { createEngine } from "@durably/engine";
import type { DurableFunctionHandler, Engine } from "@durably/engine";
import { createHttpApp, startHttpServer, withConsole } from "@durably/server";
import type { HttpAuth } from "@durably/server";
import { createMemoryStore } from "@durably/store/memory";

/** The admin token the console signs in with. */
export const consoleToken = "console-e2e-token-0123456789";

/** A running server. */
export interface ConsoleServer {
  url: string;
  engine: Engine;
  /** Starts an execution through the HTTP API (as any client would); returns its ARN. */
  start(functionName: string, input?: unknown, name?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server with `functions`; `auth` defaults to the one admin token. */
export async function startConsoleServer(options: {
  functions: Record<string, DurableFunctionHandler>;
  auth?: HttpAuth;
  consoleDirectory?: string;
}): Promise<ConsoleServer> {
  const store = createMemoryStore();
  const engine = createEngine({
    store,
    functions: options.functions,
    onError: (error) => console.error("[engine]", error),
  });
  engine.start();
  const auth = options.auth ?? { tokens: [{ token: consoleToken, scopes: ["admin"] }] };
  const api = createHttpApp({ engine, auth, onError: (error) => console.error("[http]", error) });
  const consoleOptions =
    options.consoleDirectory === undefined ? {} : { directory: options.consoleDirectory };
  // The console's files load without a token (the page asks for it); everything else is the API.
  const server = await startHttpServer({
    app: api,
    host: "127.0.0.1",
    port: 0,
    fetch: withConsole(api.fetch, consoleOptions),
  });
  const { url } = server;
  return {
    url,
    engine,
    async start(functionName, input, name) {
      const response = await globalThis.fetch(
        `${url}/functions/${functionName}/durable-executions`,
        {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${consoleToken}` },
          body: JSON.stringify({
            Input: input ?? {},
            ...(name === undefined ? {} : { DurableExecutionName: name }),
          }),
        },
      );
      if (!response.ok)
        throw new Error(`start ${functionName}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { DurableExecutionArn: string }).DurableExecutionArn;
    },
    async close() {
      await server.close();
      await engine.stop();
      await store.close();
    },
  };
}

/** Fails fast when the console was not built (the tests drive the built files, as users get them). */
export function requireBuiltConsole(): void {
  const index = new URL("../../packages/server/console/dist/index.html", import.meta.url);
  if (!existsSync(index))
    throw new Error(
      `${index.pathname} is missing: run \`npm run build\` (or \`npm run build:console -w @durably/server\`) first.`,
    );
}
