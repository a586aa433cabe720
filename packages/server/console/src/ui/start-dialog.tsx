/** Starting a new execution of a function with a JSON input, then linking to it. */
import { useState } from "preact/hooks";
import { ApiError } from "../api/api-error.ts";
import type { ExecutionView } from "../api/api-types.ts";
import { parseJsonInput } from "../json/parse-json-input.ts";
import { executionHref } from "../routing/route.ts";
import { useApi } from "./api-context.ts";
import { JsonEditor } from "./json-editor.tsx";
import { Link } from "./link.tsx";
import { ModalDialog, Outcome } from "./modal-dialog.tsx";

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** The start dialog; `functionNames` feed the suggestions. */
export function StartDialog(props: {
  functionNames: readonly string[];
  initialFunction: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { client } = useApi();
  const [functionName, setFunctionName] = useState(
    props.initialFunction ?? props.functionNames[0] ?? "",
  );
  const [name, setName] = useState("");
  const [input, setInput] = useState("{}");
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const [started, setStarted] = useState<ExecutionView>();

  const inputCheck = parseJsonInput(input, { allowEmpty: true });
  const nameError =
    name !== "" && !namePattern.test(name)
      ? "Use 1 to 64 characters of a-z, A-Z, 0-9, - and _."
      : undefined;
  const isValid = functionName.trim() !== "" && inputCheck.ok && nameError === undefined;

  const start = async (): Promise<void> => {
    if (!isValid || !inputCheck.ok) return;
    setBusy(true);
    try {
      const execution = await client.startExecution(functionName.trim(), {
        input: inputCheck.value,
        name: name === "" ? undefined : name,
      });
      setStarted(execution);
      setOutcome({
        ok: true,
        message: `Started "${execution.DurableExecutionName}" (${execution.Status}).`,
      });
      props.onDone();
    } catch (error) {
      setOutcome({
        ok: false,
        message: `Not started: ${error instanceof ApiError ? error.describe() : String(error)}`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Start an execution" onClose={props.onClose} class="wide">
      <div class="field">
        <label for="start-function">Function</label>
        <input
          id="start-function"
          type="text"
          list="start-function-names"
          required
          value={functionName}
          disabled={started !== undefined}
          onInput={(event) => setFunctionName(event.currentTarget.value)}
        />
        <datalist id="start-function-names">
          {props.functionNames.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="start-name">
          Execution name (optional; starting the same name again returns that execution)
        </label>
        <input
          id="start-name"
          type="text"
          value={name}
          aria-invalid={nameError !== undefined}
          aria-describedby="start-name-message"
          disabled={started !== undefined}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <p id="start-name-message" class={nameError === undefined ? "hint" : "field-error"}>
          {nameError ?? "Generated when empty."}
        </p>
      </div>
      <JsonEditor
        label="Input (JSON)"
        name="start-input"
        value={input}
        allowEmpty
        hint="Valid JSON. Empty means {}."
        onChange={(text) => setInput(text)}
      />
      <Outcome outcome={outcome} />
      <div class="dialog-actions">
        {started !== undefined ? (
          <>
            <Link class="button primary" href={executionHref(started.DurableExecutionArn)}>
              Open the execution
            </Link>
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              class="primary"
              disabled={isBusy || !isValid}
              onClick={() => void start()}
            >
              {isBusy ? "Starting…" : "Start execution"}
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
