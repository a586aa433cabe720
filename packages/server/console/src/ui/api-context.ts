/** Hands the API client, and what to do when the server rejects the token, to every page. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ApiClient } from "../api/api-client.ts";

/** What pages get from the app shell. */
export interface ApiAccess {
  client: ApiClient;
  /** Called when a call answers 401: the shell asks for a token again. */
  onUnauthorized: () => void;
}

/** The context carrying {@link ApiAccess}. */
export const ApiContext = createContext<ApiAccess | undefined>(undefined);

/** The API access of the shell; throws outside it (a wiring mistake, not a user error). */
export function useApi(): ApiAccess {
  const access = useContext(ApiContext);
  if (access === undefined) throw new Error("useApi() needs an <ApiContext.Provider> above it.");
  return access;
}
