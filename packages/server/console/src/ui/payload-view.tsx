/** Inputs, results and errors: JSON pretty-printed, errors with their type, data and stack. */
import type { ErrorObject } from "../api/api-types.ts";
import { prettyJson } from "../json/parse-json-input.ts";

/** A JSON payload (text as stored), or a note when there is none. */
export function PayloadView(props: { label: string; text: string | undefined; empty?: string }) {
  return (
    <section class="payload" aria-label={props.label}>
      <h3>{props.label}</h3>
      {props.text === undefined || props.text === "" ? (
        <p class="muted">{props.empty ?? "None."}</p>
      ) : (
        <pre tabIndex={0}>{prettyJson(props.text)}</pre>
      )}
    </section>
  );
}

/** An error object: type and message first, then data and stack trace. */
export function ErrorView(props: { label: string; error: ErrorObject }) {
  const { error } = props;
  return (
    <section class="payload error-payload" aria-label={props.label}>
      <h3>{props.label}</h3>
      <p class="error-line">
        <strong>{error.ErrorType ?? "Error"}</strong>
        {error.ErrorMessage === undefined ? "" : `: ${error.ErrorMessage}`}
      </p>
      {error.ErrorData !== undefined && error.ErrorData !== "" && (
        <>
          <h4>Data</h4>
          <pre tabIndex={0}>{prettyJson(error.ErrorData)}</pre>
        </>
      )}
      {error.StackTrace !== undefined && error.StackTrace.length > 0 && (
        <>
          <h4>Stack</h4>
          <pre class="stack" tabIndex={0}>
            {error.StackTrace.join("\n")}
          </pre>
        </>
      )}
    </section>
  );
}
