/** Stopping an execution: asks for confirmation (and an optional reason), then shows the outcome. */
import { useState } from "preact/hooks";
import { ApiError } from "../api/api-error.ts";
import { useApi } from "./api-context.ts";
import { ModalDialog, Outcome } from "./modal-dialog.tsx";

/** The stop dialog for one execution. */
export function StopDialog(props: {
  executionArn: string;
  executionName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { client } = useApi();
  const [reason, setReason] = useState("");
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const stop = async (): Promise<void> => {
    setBusy(true);
    try {
      const message = reason.trim();
      await client.stopExecution(
        props.executionArn,
        message === "" ? undefined : { ErrorType: "Stopped", ErrorMessage: message },
      );
      setOutcome({ ok: true, message: "The execution was stopped." });
      props.onDone();
    } catch (error) {
      setOutcome({
        ok: false,
        message: `Not stopped: ${error instanceof ApiError ? error.describe() : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  };
  const isDone = outcome?.ok === true;
  return (
    <ModalDialog title={`Stop execution "${props.executionName}"?`} onClose={props.onClose}>
      <p>
        Stopping ends the execution with status STOPPED. Operations in flight do not run again and
        it cannot be resumed.
      </p>
      <div class="field">
        <label for="stop-reason">Reason (optional, recorded as the error message)</label>
        <input
          id="stop-reason"
          type="text"
          value={reason}
          disabled={isDone}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      <Outcome outcome={outcome} />
      <div class="dialog-actions">
        {isDone ? (
          <button type="button" class="primary" onClick={props.onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" class="danger" disabled={isBusy} onClick={() => void stop()}>
              {isBusy ? "Stopping…" : "Stop execution"}
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
