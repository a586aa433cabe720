/**
 * The engine's public contract, used by composition roots (CLI, server, testing library, bench).
 */
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  ErrorObject,
  Event,
  ExecutionStatus,
  Operation,
} from "@durably/sdk/protocol";
import type { ExecutionId, ExecutionQuery, ExecutionRecord, Page } from "@durably/store";

/**
 * The Lambda-style context object handed to a handler (the subset of `aws-lambda`'s `Context`
 * durable handlers read).
 */
export interface InvocationContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(): never;
  fail(): never;
  succeed(): never;
}

/** A durable function as the engine runs it: the output of `withDurableExecution` (ours or the official one). */
export type DurableFunctionHandler = (
  event: DurableExecutionInvocationInput,
  context: InvocationContext,
) => Promise<DurableExecutionInvocationOutput>;

/** Options of {@link Engine.startExecution}. */
export interface StartExecutionRequest {
  functionName: string;
  /** Input value (JSON-serialised by the engine); absent ⇒ the handler receives `{}`. */
  input?: unknown;
  /** Input as JSON text, taken as is (instead of `input`). */
  inputPayload?: string;
  /** Execution name, 1–64 of [a-zA-Z0-9-_]; generated when absent. Idempotency key per function. */
  executionName?: string;
  /** Execution timeout in seconds, 1..31 622 400. */
  timeoutSeconds?: number;
}

/** Result of {@link Engine.startExecution}. */
export interface StartExecutionResult {
  execution: ExecutionSummary;
  /** false when an execution with this name already existed (it is returned unchanged). */
  created: boolean;
}

/** An execution as callers see it (spec/protocol.md §10.1 `GetDurableExecution`). */
export interface ExecutionSummary {
  executionId: ExecutionId;
  name: string;
  functionName: string;
  status: ExecutionStatus;
  input?: string | undefined;
  result?: string | undefined;
  error?: ErrorObject | undefined;
  startedAt: number;
  endedAt?: number | undefined;
  /** Execution timeout in seconds, when one was set. */
  timeoutSeconds?: number | undefined;
}

/** Something that changed, for live views (CLI progress, console). */
export type EngineEvent =
  | { type: "execution-started"; executionId: ExecutionId; functionName: string; name: string }
  | { type: "invocation-started"; executionId: ExecutionId; invocationId: string }
  | {
      type: "invocation-completed";
      executionId: ExecutionId;
      invocationId: string;
      status: "SUCCEEDED" | "FAILED" | "PENDING";
    }
  | { type: "operations-changed"; executionId: ExecutionId; operations: Operation[] }
  | { type: "execution-completed"; executionId: ExecutionId; status: ExecutionStatus };

/** The engine. */
export interface Engine {
  /** Registers a function under a name. Re-registering a name replaces it. */
  register(functionName: string, handler: DurableFunctionHandler): void;
  /** Starts an execution (idempotent by function and name); NOT_FOUND for an unknown function, INVALID_ARGUMENT for bad input. */
  startExecution(request: StartExecutionRequest): Promise<StartExecutionResult>;
  /** The execution; NOT_FOUND when unknown. */
  getExecution(executionId: ExecutionId): Promise<ExecutionSummary>;
  /** A page of executions, newest first unless `reverse`. */
  listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionSummary>>;
  /** Every operation in creation order, the EXECUTION operation first (unpruned); NOT_FOUND when unknown. */
  getOperations(executionId: ExecutionId): Promise<Operation[]>;
  /** History events in EventId order; NOT_FOUND when unknown. */
  getHistory(
    executionId: ExecutionId,
    options?: { afterEventId?: number; limit?: number },
  ): Promise<Event[]>;
  /** Stops a RUNNING execution (status STOPPED, `ExecutionStopped`); error optional. */
  stopExecution(executionId: ExecutionId, error?: ErrorObject): Promise<ExecutionSummary>;
  /** Resolves when the execution reaches a terminal status. */
  waitForExecution(executionId: ExecutionId): Promise<ExecutionSummary>;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Completes a callback successfully; `result` is stored as the callback's Result (empty ⇒ none). */
  sendCallbackSuccess(callbackId: string, result?: string): Promise<void>;
  /** Fails a callback; no error ⇒ an empty error object. */
  sendCallbackFailure(callbackId: string, error?: ErrorObject): Promise<void>;
  /** Restarts a callback's heartbeat window. */
  sendCallbackHeartbeat(callbackId: string): Promise<void>;
  /** Starts the worker loop and the scheduler. */
  start(): void;
  /** Stops claiming, waits for in-flight invocations to finish, releases leases. Does not close the store. */
  stop(): Promise<void>;
  /**
   * Resolves when the engine is idle: no invocation running, no engine write in flight, nothing ready
   * to claim and no timer due at the clock's current time. With `autoAdvanceTime`, the engine first
   * moves the clock through every due instant the policy allows, so this resolves only when all that is
   * left waits on something external (a callback, an unlimited wait the policy refused) or nothing at all.
   */
  whenIdle(): Promise<void>;
  /**
   * Moves a manual clock (VirtualClock) to the next due timer or retry instant, fires what is due and
   * resolves when idle again; returns that instant, or undefined when nothing is scheduled.
   */
  advanceToNextDue(): Promise<number | undefined>;
  /** The in-process client invocations use (CheckpointDurableExecution / GetDurableExecutionState). */
  readonly client: DurableExecutionClient;
  /** Names of the registered functions. */
  functionNames(): string[];
}

export type { ExecutionRecord };
