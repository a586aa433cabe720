/**
 * The `--json` shapes. Scripts depend on them: payloads are parsed JSON (raw text when a user
 * serdes stored something else), instants are ISO strings.
 */
import type { ErrorObject, Event, Operation } from "@durably/sdk/protocol";
import type { ExecutionView } from "./executions-view.ts";
import { parsePayload } from "./format.ts";

/** An execution as `--json` prints it. */
export interface ExecutionJson {
  executionId: string;
  name: string;
  functionName: string;
  status: string;
  startedAt: string;
  endedAt?: string;
  input?: unknown;
  result?: unknown;
  error?: ErrorObject;
}

/** Converts an execution to its `--json` shape. */
export function executionToJson(execution: ExecutionView): ExecutionJson {
  const json: ExecutionJson = {
    executionId: execution.executionId,
    name: execution.name,
    functionName: execution.functionName,
    status: execution.status,
    startedAt: new Date(execution.startedAt).toISOString(),
  };
  if (execution.endedAt !== undefined) json.endedAt = new Date(execution.endedAt).toISOString();
  if (execution.input !== undefined) json.input = parsePayload(execution.input);
  if (execution.result !== undefined) json.result = parsePayload(execution.result);
  if (execution.error !== undefined) json.error = execution.error;
  return json;
}

/** Serialises a `--json` document (Dates in events and operations become ISO strings). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** `executions history --json`: the execution and its events as the history API returns them. */
export function historyToJson(execution: ExecutionView, events: readonly Event[]): unknown {
  return { execution: executionToJson(execution), events };
}

/** `executions get --json` and `run --json`: the execution and its operations. */
export function executionWithOperationsToJson(
  execution: ExecutionView,
  operations: readonly Operation[],
): unknown {
  return { execution: executionToJson(execution), operations };
}
