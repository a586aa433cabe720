/**
 * What closing an execution writes, whoever closes it (handler result, EXECUTION checkpoint, stop,
 * timeout): the terminal status on the row and on the EXECUTION operation, the Execution* event.
 */
import type { ErrorObject, ExecutionStatus, Operation } from "@durably/sdk/protocol";
import type { ExecutionPatch } from "@durably/store";
import type { EventSink } from "../history/event-sink.ts";
import { eventError, eventResult } from "../history/event-sink.ts";

/** A terminal outcome. */
export interface ExecutionOutcome {
  status: Exclude<ExecutionStatus, "RUNNING">;
  result?: string | undefined;
  error?: ErrorObject | undefined;
}

/** The row patch and updated EXECUTION operation of a close; appends the Execution* event to `events`. */
export function closeExecution(
  outcome: ExecutionOutcome,
  executionOperation: Operation,
  now: number,
  events: EventSink,
): { patch: ExecutionPatch; operation: Operation } {
  const patch: ExecutionPatch = {
    status: outcome.status,
    endedAt: now,
    readyAt: null,
    result: outcome.status === "SUCCEEDED" && outcome.result !== undefined ? outcome.result : null,
    error: outcome.status !== "SUCCEEDED" && outcome.error !== undefined ? outcome.error : null,
  };
  const operation: Operation = {
    ...executionOperation,
    Status: outcome.status,
    EndTimestamp: new Date(now),
  };
  switch (outcome.status) {
    case "SUCCEEDED":
      events.add("ExecutionSucceeded", undefined, { Result: eventResult(outcome.result) });
      break;
    case "FAILED":
      events.add("ExecutionFailed", undefined, { Error: eventError(outcome.error) });
      break;
    case "TIMED_OUT":
      events.add("ExecutionTimedOut", undefined, { Error: eventError(outcome.error) });
      break;
    case "STOPPED":
      events.add("ExecutionStopped", undefined, { Error: eventError(outcome.error) });
      break;
  }
  return { patch, operation };
}
