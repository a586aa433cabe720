/**
 * Completing a callback from the console: success with a JSON result, or failure with an error.
 * The JSON is validated before anything is sent; the dialog shows what the server answered.
 */
import { useState } from "preact/hooks";
import { ApiError } from "../api/api-error.ts";
import type { ErrorObject } from "../api/api-types.ts";
import { parseJsonInput } from "../json/parse-json-input.ts";
import { useApi } from "./api-context.ts";
import { CopyableId } from "./copy-button.tsx";
import { JsonEditor } from "./json-editor.tsx";
import { ModalDialog, Outcome } from "./modal-dialog.tsx";

/** Which answer the dialog sends. */
export type CallbackOutcome = "succeed" | "fail";

/** The dialog for callback `callbackId`. */
export function CallbackDialog(props: {
  callbackId: string;
  initial: CallbackOutcome;
  onClose: () => void;
  onDone: () => void;
}) {
  const { client } = useApi();
  const [mode, setMode] = useState<CallbackOutcome>(props.initial);
  const [result, setResult] = useState('{\n  "approved": true\n}');
  const [errorType, setErrorType] = useState("Rejected");
  const [errorMessage, setErrorMessage] = useState("");
  const [errorData, setErrorData] = useState("");
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();

  const resultCheck = parseJsonInput(result, { allowEmpty: true });
  const dataCheck = parseJsonInput(errorData, { allowEmpty: true });
  const isValid = mode === "succeed" ? resultCheck.ok : dataCheck.ok;
  const isDone = outcome?.ok === true;

  const send = async (): Promise<void> => {
    if (!isValid) return;
    setBusy(true);
    try {
      if (mode === "succeed") {
        await client.sendCallbackSuccess(props.callbackId, result.trim());
        setOutcome({ ok: true, message: "Success sent: the execution resumes with this result." });
      } else {
        const error: ErrorObject = {};
        if (errorType.trim() !== "") error.ErrorType = errorType.trim();
        if (errorMessage.trim() !== "") error.ErrorMessage = errorMessage.trim();
        if (errorData.trim() !== "") error.ErrorData = errorData.trim();
        await client.sendCallbackFailure(props.callbackId, error);
        setOutcome({ ok: true, message: "Failure sent: the execution resumes with this error." });
      }
      props.onDone();
    } catch (error) {
      setOutcome({
        ok: false,
        message: `Not sent: ${error instanceof ApiError ? error.describe() : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Complete a callback" onClose={props.onClose} class="wide">
      <p>
        Callback id <CopyableId value={props.callbackId} label="callback id" />
      </p>
      <fieldset class="segmented" disabled={isDone}>
        <legend>Answer with</legend>
        <label>
          <input
            type="radio"
            name="callback-outcome"
            checked={mode === "succeed"}
            onChange={() => setMode("succeed")}
          />{" "}
          Success
        </label>
        <label>
          <input
            type="radio"
            name="callback-outcome"
            checked={mode === "fail"}
            onChange={() => setMode("fail")}
          />{" "}
          Failure
        </label>
      </fieldset>
      {mode === "succeed" ? (
        <JsonEditor
          label="Result (JSON)"
          name="callback-result"
          value={result}
          allowEmpty
          hint="Valid JSON. Stored as the callback's result text; leave empty for no result."
          onChange={(text) => setResult(text)}
        />
      ) : (
        <>
          <div class="field">
            <label for="callback-error-type">Error type</label>
            <input
              id="callback-error-type"
              type="text"
              value={errorType}
              onInput={(event) => setErrorType(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="callback-error-message">Error message</label>
            <input
              id="callback-error-message"
              type="text"
              value={errorMessage}
              onInput={(event) => setErrorMessage(event.currentTarget.value)}
            />
          </div>
          <JsonEditor
            label="Error data (JSON, optional)"
            value={errorData}
            allowEmpty
            rows={4}
            onChange={(text) => setErrorData(text)}
          />
        </>
      )}
      <Outcome outcome={outcome} />
      <div class="dialog-actions">
        {isDone ? (
          <button type="button" class="primary" onClick={props.onClose}>
            Close
          </button>
        ) : (
          <>
            <button
              type="button"
              class={mode === "succeed" ? "primary" : "danger"}
              disabled={isBusy || !isValid}
              onClick={() => void send()}
            >
              {isBusy ? "Sending…" : mode === "succeed" ? "Send success" : "Send failure"}
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </>
        )}
      </div>
    </ModalDialog>
  );
}
