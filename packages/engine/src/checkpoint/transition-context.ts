/**
 * What applying one update may do besides producing the new record (events, timers, side effects),
 * and the rules every transition shares: record construction, payload/error presence, delay ranges,
 * and the service's message for an update that is illegal in the operation's current state.
 */
import type { ErrorObject, Operation, OperationUpdate } from "@durably/sdk/protocol";
import type { TimerRecord } from "@durably/store";
import { invalidCheckpoint } from "../errors/invalid-parameter-value-exception.ts";
import type { EventSink } from "../history/event-sink.ts";
import { checkpointLimits } from "./batch-validation.ts";

/** A chained invoke to start once the checkpoint is durable. */
export interface ChildStart {
  operationId: string;
  functionName: string;
  input?: string | undefined;
}

/** How an EXECUTION update closes the execution. */
export interface ExecutionClose {
  status: "SUCCEEDED" | "FAILED";
  result?: string | undefined;
  error?: ErrorObject | undefined;
}

/** What applying an update may do besides changing the record. */
export interface TransitionContext {
  readonly now: number;
  readonly nowDate: Date;
  readonly events: EventSink;
  setTimer(timer: Omit<TimerRecord, "executionId">): void;
  deleteOperationTimers(operationId: string): void;
  mintCallbackId(): string;
  childExecutionId(operationId: string, functionName: string): string;
  startChild(start: ChildStart): void;
  stopChild(operationId: string): void;
  /** Closes the execution; returns the updated EXECUTION operation. */
  closeExecution(close: ExecutionClose): Operation;
}

/** A new record for `u` (keeping the identity and start of an existing one). */
export function newRecord(
  u: OperationUpdate,
  cur: Operation | undefined,
  ctx: TransitionContext,
  status: Operation["Status"],
  isEnd: boolean,
): Operation {
  const op: Operation =
    cur === undefined ? identityOf(u) : { Id: cur.Id, Type: cur.Type, Status: status };
  if (cur !== undefined) {
    if (cur.ParentId !== undefined) op.ParentId = cur.ParentId;
    if (cur.Name !== undefined) op.Name = cur.Name;
    if (cur.SubType !== undefined) op.SubType = cur.SubType;
  }
  op.StartTimestamp = cur?.StartTimestamp ?? ctx.nowDate;
  op.Status = status;
  if (isEnd) op.EndTimestamp = ctx.nowDate;
  return op;
}

/** A fresh record carrying the update's identity (Id, Type, ParentId, Name, SubType). */
export function identityOf(u: OperationUpdate): Operation {
  const op: Operation = { Id: u.Id, Type: u.Type, Status: "STARTED" };
  if (u.ParentId !== undefined && u.ParentId !== null) op.ParentId = u.ParentId;
  if (u.Name !== undefined && u.Name !== null) op.Name = u.Name;
  if (u.SubType !== undefined && u.SubType !== null) op.SubType = u.SubType;
  return op;
}

/** SUCCEED carries no Error, FAIL no Payload. */
export function checkPayloadRules(u: OperationUpdate): void {
  if (u.Action === "SUCCEED" && u.Error !== undefined)
    throw invalidCheckpoint("Cannot provide an Error for SUCCEED action.");
  if (u.Action === "FAIL" && u.Payload !== undefined)
    throw invalidCheckpoint("Cannot provide a Payload for FAIL action.");
}

/** A wait or retry delay in seconds: 1 to a year. */
export function isDelay(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= 1 &&
    value <= checkpointLimits.maxDelaySeconds
  );
}

/** An optional callback timeout in seconds: absent, or 0 (none) to a year. */
export function isOptionalTimeout(value: unknown): value is number | undefined {
  return (
    value === undefined ||
    (typeof value === "number" &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= checkpointLimits.maxDelaySeconds)
  );
}

/** Throws the spec's message for an update that is not legal in the operation's current state. */
export function illegal(u: OperationUpdate): never {
  if (u.Type === "STEP") {
    const verb = u.Action === "START" ? "start" : u.Action === "RETRY" ? "re-attempt" : "close";
    throw invalidCheckpoint(`Invalid current STEP state to ${verb}.`);
  }
  if (u.Type === "CONTEXT") {
    throw invalidCheckpoint(
      u.Action === "START"
        ? "Cannot start a CONTEXT that already exists."
        : "Invalid current CONTEXT state to close.",
    );
  }
  throw invalidCheckpoint(
    u.Action === "START"
      ? `Cannot start a ${u.Type} that already exists.`
      : `Cannot cancel a ${u.Type} that does not exist or has already completed.`,
  );
}
