import type { LambdaContext } from "../../handler/lambda-context.ts";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "../../protocol/wire.ts";
import { DurableExecutionInvocationInputWithClient } from "../../protocol/durable-execution-invocation-input-with-client.ts";
import { fakeLambdaContext } from "./fake-lambda-context.ts";
import { applyUpdate, invalidParameter } from "./apply-update.ts";

/** A Lambda handler as `withDurableExecution` returns it. */
export type TestHandler = (
  event: DurableExecutionInvocationInput,
  context: LambdaContext,
) => Promise<DurableExecutionInvocationOutput>;

/** Options of {@link FakeDurableService}. */
export interface FakeDurableServiceOptions {
  /** Execution input; undefined ⇒ no InputPayload. */
  input?: unknown;
  /** Operations per page of the invocation event; more are paged through GetDurableExecutionState. */
  pageSize?: number | undefined;
  /** Send events as plain objects (the transport then comes from the config). */
  plainEvents?: boolean | undefined;
  /** Clock of the service in epoch ms; default the system clock. */
  clock?: (() => number) | undefined;
}

/** Result of {@link FakeDurableService.run}. */
export interface RunResult {
  output: DurableExecutionInvocationOutput;
  invocations: DurableExecutionInvocationOutput[];
}

/**
 * An in-memory durable execution service for SDK tests: applies updates to operation records as
 * spec/protocol.md §6.2 says, fences tokens, lets a test fire wait/retry timers, and drives
 * invocations of a handler until it returns SUCCEEDED or FAILED.
 */
export class FakeDurableService implements DurableExecutionClient {
  readonly durableExecutionArn =
    "arn:aws:lambda:us-east-1:123456789012:function:test-function:$LATEST/durable-execution/exec-1/1";
  readonly executionId = "execution-operation-id";
  /** Every checkpoint request received, in order. */
  readonly requests: CheckpointDurableExecutionRequest[] = [];
  /** Every GetDurableExecutionState request received. */
  readonly stateRequests: GetDurableExecutionStateRequest[] = [];
  readonly #operations = new Map<string, Operation>();
  readonly #changed = new Set<string>();
  /** Changed by the outside world (timers, callbacks) since the last invocation. */
  readonly #updatedBetweenInvocations = new Set<string>();
  readonly #options: FakeDurableServiceOptions;
  #token = "";
  #tokens = 0;
  #offsetMs = 0;
  #failures: unknown[] = [];
  #afterCheckpoint: ((service: FakeDurableService) => void) | undefined;

  constructor(options: FakeDurableServiceOptions = {}) {
    this.#options = options;
    const execution: Operation = {
      Id: this.executionId,
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(this.now()),
    };
    execution.ExecutionDetails =
      options.input === undefined ? {} : { InputPayload: JSON.stringify(options.input) };
    this.#operations.set(execution.Id, execution);
  }

  /** The service clock (epoch ms). */
  now(): number {
    return (this.#options.clock?.() ?? Date.now()) + this.#offsetMs;
  }

  /** Moves the service clock forward. */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** All records, in creation order. */
  get operations(): Operation[] {
    return [...this.#operations.values()];
  }

  /** The record with this wire id. */
  operation(id: string): Operation | undefined {
    return this.#operations.get(id);
  }

  /** Replaces or adds a record (to prepare or mutate a history). */
  putOperation(operation: Operation): void {
    this.#operations.set(operation.Id, operation);
  }

  /** All updates received, flattened. */
  get updates(): NonNullable<CheckpointDurableExecutionRequest["Updates"]> {
    return this.requests.flatMap((request) => request.Updates ?? []);
  }

  /** The next checkpoint call throws `error`. */
  failNextCheckpoint(error: unknown): void {
    this.#failures.push(error);
  }

  /** Runs `hook` after every applied checkpoint, before the response is built. */
  onCheckpoint(hook: ((service: FakeDurableService) => void) | undefined): void {
    this.#afterCheckpoint = hook;
  }

  async checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.requests.push(structuredClone(request));
    const failure = this.#failures.shift();
    if (failure !== undefined) throw failure;
    if (request.CheckpointToken !== this.#token)
      throw invalidParameter("Invalid Checkpoint Token: stale or foreign token");
    const now = this.now();
    for (const update of request.Updates ?? []) {
      const changed = applyUpdate(this.#operations, update, now, this.executionId);
      this.#changed.add(changed);
    }
    this.#afterCheckpoint?.(this);
    const operations = [...this.#changed].map((id) =>
      structuredClone(this.#operations.get(id) as Operation),
    );
    this.#changed.clear();
    return { CheckpointToken: this.#newToken(), NewExecutionState: { Operations: operations } };
  }

  async getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.stateRequests.push(structuredClone(request));
    if (request.CheckpointToken !== this.#token) throw invalidParameter("Invalid Checkpoint Token");
    const start = Number(request.Marker);
    const all = this.operations;
    const end = Math.min(all.length, start + (this.#options.pageSize ?? all.length));
    const page: GetDurableExecutionStateResponse = {
      Operations: structuredClone(all.slice(start, end)),
    };
    if (end < all.length) page.NextMarker = String(end);
    return page;
  }

  /** Timers still to fire: started waits and scheduled retries, earliest first. */
  pendingTimers(): { id: string; dueAt: number }[] {
    const timers: { id: string; dueAt: number }[] = [];
    for (const operation of this.#operations.values()) {
      if (operation.Type === "WAIT" && operation.Status === "STARTED") {
        timers.push({
          id: operation.Id,
          dueAt: operation.WaitDetails?.ScheduledEndTimestamp?.getTime() ?? 0,
        });
      } else if (operation.Type === "STEP" && operation.Status === "PENDING") {
        timers.push({
          id: operation.Id,
          dueAt: operation.StepDetails?.NextAttemptTimestamp?.getTime() ?? 0,
        });
      }
    }
    return timers.sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Fires one timer now: a wait SUCCEEDS, a retry becomes READY. */
  fireTimer(id: string): void {
    const operation = this.#operations.get(id);
    if (operation?.Type === "WAIT" && operation.Status === "STARTED") {
      operation.Status = "SUCCEEDED";
      operation.EndTimestamp = new Date(this.now());
    } else if (operation?.Type === "STEP" && operation.Status === "PENDING") {
      operation.Status = "READY";
    } else {
      throw new Error(`no timer to fire for ${id}`);
    }
    this.#changed.add(id);
    this.#updatedBetweenInvocations.add(id);
  }

  /** Completes a callback or chained invoke as the outside world would. */
  complete(
    id: string,
    outcome:
      | { status: "SUCCEEDED"; result?: string }
      | { status: "FAILED" | "TIMED_OUT" | "STOPPED"; error?: ErrorObject },
  ): void {
    const operation = this.#operations.get(id);
    if (operation === undefined || operation.Status !== "STARTED")
      throw new Error(`nothing to complete for ${id}`);
    const details =
      operation.Type === "CALLBACK"
        ? (operation.CallbackDetails ??= {})
        : (operation.ChainedInvokeDetails ??= {});
    operation.Status = outcome.status;
    operation.EndTimestamp = new Date(this.now());
    if (outcome.status === "SUCCEEDED") details.Result = outcome.result;
    else details.Error = outcome.error;
    this.#changed.add(id);
    this.#updatedBetweenInvocations.add(id);
  }

  /** The callback id the service minted for a CALLBACK operation. */
  callbackId(id: string): string | undefined {
    return this.#operations.get(id)?.CallbackDetails?.CallbackId;
  }

  /** The next invocation event (a fresh token, the state paged as configured). */
  nextEvent(): DurableExecutionInvocationInput {
    this.#token = this.#newToken();
    const all = structuredClone(this.operations);
    const pageSize = this.#options.pageSize ?? all.length;
    const params: DurableExecutionInvocationInput = {
      DurableExecutionArn: this.durableExecutionArn,
      CheckpointToken: this.#token,
      InitialExecutionState: { Operations: all.slice(0, pageSize) },
    };
    if (pageSize < all.length) params.InitialExecutionState.NextMarker = String(pageSize);
    if (this.#updatedBetweenInvocations.size > 0)
      params.UpdatedOperationIds = [...this.#updatedBetweenInvocations];
    this.#updatedBetweenInvocations.clear();
    this.#changed.clear();
    return this.#options.plainEvents
      ? params
      : new DurableExecutionInvocationInputWithClient(params, this);
  }

  /** One invocation of `handler`. */
  invoke(
    handler: TestHandler,
    lambdaContext: LambdaContext = fakeLambdaContext(),
  ): Promise<DurableExecutionInvocationOutput> {
    return handler(this.nextEvent(), lambdaContext);
  }

  /**
   * Invokes until SUCCEEDED/FAILED. After each PENDING, `onPending` may complete callbacks or
   * invokes (return true when it did); otherwise the earliest timer fires.
   */
  async run(
    handler: TestHandler,
    options: { maxInvocations?: number; onPending?: (service: FakeDurableService) => boolean } = {},
  ): Promise<RunResult> {
    const invocations: DurableExecutionInvocationOutput[] = [];
    const maxInvocations = options.maxInvocations ?? 50;
    for (let i = 0; i < maxInvocations; i++) {
      const output = await this.invoke(handler);
      invocations.push(output);
      if (output.Status !== "PENDING") return { output, invocations };
      if (options.onPending?.(this) === true) continue;
      const next = this.pendingTimers()[0];
      if (next === undefined)
        throw new Error("Cannot return PENDING status with no pending operations.");
      this.advance(Math.max(0, next.dueAt - this.now()));
      this.fireTimer(next.id);
    }
    throw new Error(`still PENDING after ${maxInvocations} invocations`);
  }

  #newToken(): string {
    this.#token = `token-${++this.#tokens}`;
    return this.#token;
  }
}
