/**
 * The console shell: checks access (no token needed on an insecure-local server), asks for a
 * token otherwise, then routes between the executions list and one execution.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiClient } from "../api/api-client.ts";
import { ApiError } from "../api/api-error.ts";
import type { TokenStore } from "../api/token-store.ts";
import { ApiContext } from "./api-context.ts";
import type { ApiAccess } from "./api-context.ts";
import { ExecutionPage } from "./execution-page.tsx";
import { ExecutionsPage } from "./executions-page.tsx";
import { Link } from "./link.tsx";
import { LoginView } from "./login-view.tsx";
import { useRoute } from "./use-route.ts";

type Access =
  | { state: "checking" }
  | { state: "granted"; usesToken: boolean }
  | { state: "login"; reason: string | undefined }
  | { state: "error"; error: ApiError };

/** The app; `baseUrl` is where the API is ("" for the same origin). */
export function App(props: { baseUrl: string; tokens: TokenStore }) {
  const [access, setAccess] = useState<Access>({ state: "checking" });
  const [knownFunctions, setKnownFunctions] = useState<readonly string[]>([]);
  const client = useMemo(
    () => new ApiClient({ baseUrl: props.baseUrl, tokens: props.tokens }),
    [props.baseUrl, props.tokens],
  );
  const route = useRoute();

  const check = async (): Promise<string | undefined> => {
    try {
      await client.checkAccess();
      setAccess({ state: "granted", usesToken: props.tokens.get() !== undefined });
      return undefined;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error));
      if (apiError.isUnauthorized) {
        const hadToken = props.tokens.get() !== undefined;
        props.tokens.clear();
        const reason = hadToken
          ? "The server rejected this token. Check it and try again."
          : undefined;
        setAccess({ state: "login", reason });
        return reason;
      }
      if (apiError.status === 403) {
        props.tokens.clear();
        const reason = "This token may only complete callbacks; the console needs an admin token.";
        setAccess({ state: "login", reason });
        return reason;
      }
      setAccess({ state: "error", error: apiError });
      return apiError.describe();
    }
  };
  useEffect(() => void check(), []);

  const apiAccess = useMemo<ApiAccess>(
    () => ({
      client,
      onUnauthorized: () => {
        props.tokens.clear();
        setAccess({
          state: "login",
          reason: "The server no longer accepts the token. Sign in again.",
        });
      },
    }),
    [client],
  );

  if (access.state === "checking") return <p class="page">Connecting to the server…</p>;
  if (access.state === "error") {
    return (
      <main id="main" class="page">
        <div class="error-box" role="alert">
          <strong>Cannot reach the Durably API:</strong> {access.error.describe()}
        </div>
        <button type="button" onClick={() => void check()}>
          Try again
        </button>
      </main>
    );
  }
  if (access.state === "login") {
    return (
      <LoginView
        reason={access.reason}
        onSubmit={async (token) => {
          props.tokens.set(token);
          return check();
        }}
      />
    );
  }
  const addFunctions = (names: string[]): void => {
    const merged = [...new Set([...knownFunctions, ...names])].sort();
    if (merged.length !== knownFunctions.length) setKnownFunctions(merged);
  };
  return (
    <ApiContext.Provider value={apiAccess}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <Link href="/" class="brand">
          Durably
        </Link>
        <nav aria-label="Main">
          <Link href="/">Executions</Link>
        </nav>
        {access.usesToken && (
          <button
            type="button"
            class="small"
            onClick={() => {
              props.tokens.clear();
              setAccess({ state: "login", reason: undefined });
            }}
          >
            Sign out
          </button>
        )}
      </header>
      {route.page === "executions" && (
        <ExecutionsPage
          filters={route.filters}
          knownFunctions={knownFunctions}
          onFunctionsSeen={addFunctions}
        />
      )}
      {route.page === "execution" && (
        <ExecutionPage
          key={route.executionId}
          executionArn={route.executionId}
          tab={route.tab}
          operationId={route.operationId}
        />
      )}
      {route.page === "not-found" && (
        <main id="main" class="page">
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>.{" "}
            <Link href="/">Back to the executions.</Link>
          </p>
        </main>
      )}
    </ApiContext.Provider>
  );
}
