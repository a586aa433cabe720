/** Asks for the API token when the server requires one, and says why when it was refused. */
import { useState } from "preact/hooks";

/** The sign-in form; `onSubmit` resolves to an error message, or undefined when the token works. */
export function LoginView(props: {
  reason: string | undefined;
  onSubmit: (token: string) => Promise<string | undefined>;
}) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>(props.reason);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (token.trim() === "") {
      setError("Enter the API token.");
      return;
    }
    setBusy(true);
    setError(await props.onSubmit(token.trim()));
    setBusy(false);
  };
  return (
    <main id="main" class="login">
      <form
        class="login-form"
        aria-labelledby="login-title"
        onSubmit={(event) => void submit(event)}
      >
        <h1 id="login-title">Sign in to Durably</h1>
        <p>
          This server requires an API token. It is kept in this tab only (session storage) and sent
          as a bearer token with each API call.
        </p>
        <div class="field">
          <label for="api-token">API token</label>
          <input
            id="api-token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            value={token}
            aria-invalid={error !== undefined}
            aria-describedby={error === undefined ? undefined : "login-error"}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
        </div>
        {error !== undefined && (
          <p id="login-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={isBusy}>
          {isBusy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
