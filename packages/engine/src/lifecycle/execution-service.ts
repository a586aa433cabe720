/**
 * The execution lifecycle: start (idempotent by function and name), read, list, stop, and waiting
 * for the end. Closing by timeout lives with the timers; closing by the handler, with the invoker.
 */
import type { ErrorObject, Event, Operation } from "@durably/sdk/protocol";
import type {
  ExecutionId,
  ExecutionQuery,
  ExecutionRecord,
  Page,
  TimerKey,
  TimerRecord,
} from "@durably/store";
import type {
  ExecutionSummary,
  StartExecutionRequest,
  StartExecutionResult,
} from "../api/engine-api.ts";
import { hasErrorCode } from "@durably/store";
import { ExecutionClosedError, NotFoundError } from "../errors/engine-errors.ts";
import { EventSink, eventResult } from "../history/event-sink.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { executionArn, executionOperationId } from "../internal/ids.ts";
import { writeExecution } from "../internal/optimistic-write.ts";
import { executionTimeoutTimerId } from "../scheduler/timer-ids.ts";
import { closeExecution } from "./execution-close.ts";
import { invokeResultTimers } from "./invoke-result-timer.ts";
import { toSummary } from "./execution-summary.ts";
import { validateStart } from "./start-request.ts";

/** A new execution's identity and input, as created by a start or a chained invoke. */
export interface ExecutionSpec {
  functionName: string;
  name: string;
  executionId: string;
  inputPayload: string | undefined;
  timeoutSeconds: number | undefined;
  attributes?: Record<string, unknown> | undefined;
}

/** Starts, reads, lists and stops executions. */
export class ExecutionService {
  readonly #ctx: EngineContext;
  readonly #waiters = new Map<string, ((summary: ExecutionSummary) => void)[]>();
  #isWatching = false;

  readonly #isInvocationRunning: (executionId: string) => boolean;

  /** `isInvocationRunning` tells whether this engine is still running (or ending) an invocation of an execution. */
  constructor(ctx: EngineContext, isInvocationRunning: (executionId: string) => boolean) {
    this.#ctx = ctx;
    this.#isInvocationRunning = isInvocationRunning;
  }

  /** Starts an execution, or returns the one with the same function and name (created: false). */
  async startExecution(request: StartExecutionRequest): Promise<StartExecutionResult> {
    const valid = validateStart(request);
    this.#ctx.functions.require(valid.functionName);
    const { store, ids } = this.#ctx;
    if (valid.executionName !== undefined) {
      const existing = await store.findExecutionByName(valid.functionName, valid.executionName);
      if (existing !== undefined) return { execution: toSummary(existing), created: false };
    }
    const uuid = ids.uuid();
    const name = valid.executionName ?? uuid;
    return this.createExecution({
      functionName: valid.functionName,
      name,
      executionId: executionArn(valid.functionName, name, uuid),
      inputPayload: valid.inputPayload,
      timeoutSeconds: valid.timeoutSeconds,
    });
  }

  /** Creates an execution with its EXECUTION operation, ExecutionStarted event and timeout timer in one write. */
  async createExecution(spec: ExecutionSpec): Promise<StartExecutionResult> {
    const { store, clock, signals, hub } = this.#ctx;
    const now = clock.now();
    const events = new EventSink(0, now);
    const startedDetails: Record<string, unknown> = { Input: eventResult(spec.inputPayload) };
    if (spec.timeoutSeconds !== undefined) startedDetails["ExecutionTimeout"] = spec.timeoutSeconds;
    events.add("ExecutionStarted", undefined, startedDetails);
    const operation: Operation = {
      Id: executionOperationId(spec.executionId),
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: new Date(now),
      ExecutionDetails: spec.inputPayload === undefined ? {} : { InputPayload: spec.inputPayload },
    };
    const timers: TimerRecord[] = [];
    if (spec.timeoutSeconds !== undefined) {
      const dueAt = now + spec.timeoutSeconds * 1000;
      timers.push({
        executionId: spec.executionId,
        timerId: executionTimeoutTimerId,
        kind: "execution-timeout",
        dueAt,
      });
    }
    const execution: Omit<ExecutionRecord, "version"> = {
      executionId: spec.executionId,
      name: spec.name,
      functionName: spec.functionName,
      status: "RUNNING",
      startedAt: now,
      generation: 0,
      checkpointSeq: 0,
      lastEventId: events.lastEventId,
      readyAt: now,
    };
    if (spec.inputPayload !== undefined) execution.input = spec.inputPayload;
    if (spec.timeoutSeconds !== undefined) execution.timeoutSeconds = spec.timeoutSeconds;
    if (spec.attributes !== undefined) execution.attributes = spec.attributes;
    const created = await store.createExecution({
      execution,
      operations: [{ executionId: spec.executionId, seq: 1, operation }],
      events: events.events,
      timers,
    });
    if (created.created) {
      hub.emit({
        type: "execution-started",
        executionId: spec.executionId,
        functionName: spec.functionName,
        name: spec.name,
      });
      for (const timer of timers) signals.timerSet(timer.dueAt);
      signals.ready(now);
    }
    return { execution: toSummary(created.execution), created: created.created };
  }

  /** The execution, or NOT_FOUND. */
  async getExecution(executionId: ExecutionId): Promise<ExecutionSummary> {
    return toSummary(await this.#require(executionId));
  }

  /** A page of executions. */
  async listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    const page = await this.#ctx.store.listExecutions(query);
    return page.nextCursor === undefined
      ? { items: page.items.map(toSummary) }
      : { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** All operations in creation order (EXECUTION first), or NOT_FOUND. */
  async getOperations(executionId: ExecutionId): Promise<Operation[]> {
    await this.#require(executionId);
    return (await this.#ctx.store.listOperations(executionId)).map((record) => record.operation);
  }

  /** History events in EventId order, or NOT_FOUND. */
  async getHistory(
    executionId: ExecutionId,
    options: { afterEventId?: number; limit?: number } = {},
  ): Promise<Event[]> {
    await this.#require(executionId);
    return this.#ctx.store.listEvents(executionId, options);
  }

  /** Stops a RUNNING execution; EXECUTION_CLOSED when it has already finished. */
  async stopExecution(executionId: ExecutionId, error?: ErrorObject): Promise<ExecutionSummary> {
    const { store, clock, signals, hub } = this.#ctx;
    const outcome = await writeExecution(store, executionId, async (row) => {
      if (row.status !== "RUNNING") {
        throw new ExecutionClosedError(
          executionId,
          row.status,
          `Execution ${executionId} is already ${row.status}; only a RUNNING execution can be stopped.`,
        );
      }
      const [executionOp, timers] = await Promise.all([
        store.getOperation(executionId, executionOperationId(executionId)),
        store.listTimers(executionId),
      ]);
      if (executionOp === undefined)
        throw new Error(`Execution ${executionId} has no EXECUTION operation.`);
      const now = clock.now();
      const events = new EventSink(row.lastEventId, now);
      const closed = closeExecution(
        { status: "STOPPED", error },
        executionOp.operation,
        now,
        events,
      );
      return {
        change: {
          execution: { ...closed.patch, lastEventId: events.lastEventId },
          operations: [{ executionId, seq: executionOp.seq, operation: closed.operation }],
          events: events.events,
          deleteTimers: timers.map((t): TimerKey => ({ executionId, timerId: t.timerId })),
          setTimers: invokeResultTimers(row, now + this.#ctx.config.leaseMs),
        },
        result: closed.operation,
      };
    });
    if (outcome.kind === "missing") throw this.#notFound(executionId);
    if (outcome.kind !== "written") throw new Error("unreachable: stop always writes");
    if (hub.hasListeners)
      hub.emit({ type: "operations-changed", executionId, operations: [outcome.result] });
    signals.executionClosed(outcome.row);
    return toSummary(outcome.row);
  }

  /** Resolves with the execution once it is no longer RUNNING. */
  async waitForExecution(executionId: ExecutionId): Promise<ExecutionSummary> {
    // Register before reading, so a close between the read and the registration is not missed.
    let resolve: (summary: ExecutionSummary) => void = () => undefined;
    const done = new Promise<ExecutionSummary>((r) => (resolve = r));
    const list = this.#waiters.get(executionId) ?? [];
    list.push(resolve);
    this.#waiters.set(executionId, list);
    try {
      this.#closedIfDone(await this.#require(executionId));
    } catch (error) {
      this.#waiters.delete(executionId);
      throw error;
    }
    this.#watchWaited();
    return done;
  }

  // Closed while an invocation still runs here: resolve once its end (InvocationCompleted) is written.
  #closedIfDone(row: ExecutionRecord): void {
    if (row.status !== "RUNNING" && !this.#isInvocationRunning(row.executionId))
      this.executionClosed(row);
  }

  /**
   * On a store shared with other processes, they may close the executions waited on here without
   * any signal reaching this engine: re-read those every poll interval while anyone waits.
   */
  #watchWaited(): void {
    const { clock, config, store, reportError } = this.#ctx;
    const intervalMs = config.pollIntervalMs;
    if (intervalMs === undefined || this.#isWatching || this.#waiters.size === 0) return;
    this.#isWatching = true;
    clock.setTimer(clock.now() + intervalMs, () => {
      void (async () => {
        try {
          // Deleting the entry being visited (a waiter resolved) is safe in a Map iteration.
          for (const executionId of this.#waiters.keys()) {
            const row = await store.getExecution(executionId);
            if (row !== undefined) this.#closedIfDone(row);
          }
        } catch (error) {
          reportError(error);
          if (hasErrorCode(error, "CLOSED")) return; // the store is gone: nothing left to watch
        } finally {
          this.#isWatching = false;
        }
        this.#watchWaited();
      })();
    });
  }

  /** Wakes the waiters of a closed execution (no-op while it runs). */
  executionClosed(row: ExecutionRecord): void {
    if (row.status === "RUNNING") return;
    const waiters = this.#waiters.get(row.executionId);
    if (waiters === undefined) return;
    this.#waiters.delete(row.executionId);
    const summary = toSummary(row);
    for (const resolve of waiters) resolve(summary);
  }

  async #require(executionId: ExecutionId): Promise<ExecutionRecord> {
    const row = await this.#ctx.store.getExecution(executionId);
    if (row === undefined) throw this.#notFound(executionId);
    return row;
  }

  #notFound(executionId: string): NotFoundError {
    return new NotFoundError("execution", executionId, `Execution ${executionId} not found.`);
  }
}
