/** An API error shown where the data would be, with its code for bug reports. */
import type { ApiError } from "../api/api-error.ts";

/** The error box. */
export function ErrorBox(props: { error: ApiError; what?: string }) {
  return (
    <div class="error-box" role="alert">
      <strong>{props.what ?? "The server answered with an error"}:</strong> {props.error.describe()}{" "}
      <code class="error-code">{props.error.code}</code>
    </div>
  );
}
