/**
 * Records the store persists. The engine owns their meaning; a store only keeps and returns them.
 */
import type { ErrorObject, Event, ExecutionStatus, Operation } from "@durably/sdk/protocol";

/** Opaque id of an execution (its `DurableExecutionArn`). */
export type ExecutionId = string & { readonly __brand?: "ExecutionId" };

/** One execution row. Instants are epoch milliseconds (`…At`). */
export interface ExecutionRecord {
  executionId: ExecutionId;
  /** Execution name, unique per function (`DurableExecutionName`). */
  name: string;
  functionName: string;
  status: ExecutionStatus;
  /** JSON text of the input, as the handler receives it in `ExecutionDetails.InputPayload`. */
  input?: string | undefined;
  /** JSON text of the result when SUCCEEDED. */
  result?: string | undefined;
  /** Error when FAILED / TIMED_OUT / STOPPED. */
  error?: ErrorObject | undefined;
  startedAt: number;
  endedAt?: number | undefined;
  /** Execution timeout in seconds (`ExecutionTimeout`), if one was set. */
  timeoutSeconds?: number | undefined;
  /** Bumped by every commit; commits are conditional on it (optimistic concurrency). */
  version: number;
  /** Fencing epoch: bumped by every claim; a checkpoint token carries the epoch it was issued under. */
  generation: number;
  /** Number of checkpoints accepted in the current generation (the token's sequence). */
  checkpointSeq: number;
  /** Highest `EventId` written so far (0 before any event). */
  lastEventId: number;
  /** When set, the execution needs an invocation at or after this instant. */
  readyAt?: number | undefined;
  /** Worker holding the lease, while an invocation runs. */
  leaseOwner?: string | undefined;
  leaseExpiresAt?: number | undefined;
  /** Caller-defined JSON-serialisable attributes (e.g. the parent of an invoked execution). */
  attributes?: Record<string, unknown> | undefined;
}

/** One operation row: the wire record plus bookkeeping. */
export interface OperationRecord {
  executionId: ExecutionId;
  /** Creation order within the execution (1, 2, …); set by the engine, never changed. */
  seq: number;
  /** Execution `version` of the commit that last wrote this operation. */
  updatedVersion: number;
  operation: Operation;
}

/** What a timer does when it fires; the engine interprets it. */
export type TimerKind =
  | "wait"
  | "retry"
  | "callback-timeout"
  | "callback-heartbeat"
  | "execution-timeout"
  /** On an invoked execution that closed: its outcome is still to be recorded on its caller. */
  | "invoke-result";

/** A durable timer. `(executionId, timerId)` is unique. */
export interface TimerRecord {
  executionId: ExecutionId;
  timerId: string;
  kind: TimerKind;
  operationId?: string | undefined;
  dueAt: number;
}

/** Key of a timer to delete. */
export interface TimerKey {
  executionId: ExecutionId;
  timerId: string;
}

/** A history event of an execution (EventId assigned by the engine). */
export interface EventRecord {
  executionId: ExecutionId;
  event: Event;
}
