/**
 * Chained invokes: a CHAINED_INVOKE START makes the target function run as its own execution
 * (started when the caller's invocation ends, as on the service where the target runs after the
 * checkpoint); its end is recorded on the caller's operation, which makes the caller ready.
 */
import type { ErrorObject, EventType, OperationStatus } from "@durably/sdk/protocol";
import type { ExecutionRecord } from "@durably/store";
import type { ExecutionSession } from "../checkpoint/execution-session.ts";
import type { ChildStart } from "../checkpoint/transition-context.ts";
import { hasErrorCode } from "@durably/store";
import { EventSink, eventError, eventResult } from "../history/event-sink.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { childExecutionIdentity } from "../internal/ids.ts";
import { writeExecution } from "../internal/optimistic-write.ts";
import { invokeResultTimerId } from "./invoke-result-timer.ts";
import type { ExecutionService } from "./execution-service.ts";

/** How a target execution ended, as the caller records it. */
interface InvokeOutcome {
  status: Extract<OperationStatus, "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED">;
  result?: string | undefined;
  error?: ErrorObject | undefined;
}

const outcomeEvents: Record<InvokeOutcome["status"], EventType> = {
  SUCCEEDED: "ChainedInvokeSucceeded",
  FAILED: "ChainedInvokeFailed",
  TIMED_OUT: "ChainedInvokeTimedOut",
  STOPPED: "ChainedInvokeStopped",
};

/** Starts target executions and reports their ends to their callers. */
export class ChainedInvokes {
  readonly #ctx: EngineContext;
  readonly #executions: ExecutionService;
  /** Target execution ids by `${callerId}\n${operationId}`, for targets this engine started. */
  readonly #targets = new Map<string, string>();

  constructor(ctx: EngineContext, executions: ExecutionService) {
    this.#ctx = ctx;
    this.#executions = executions;
  }

  /** Starts the targets an invocation invoked and stops those it cancelled. */
  async afterInvocation(session: ExecutionSession): Promise<void> {
    for (const start of session.childStarts.splice(0))
      await this.#launch(session.executionId, start);
    await this.#clearLaunchCheck(session);
    for (const operationId of session.childStops.splice(0)) {
      const target =
        this.#targets.get(`${session.executionId}\n${operationId}`) ??
        (await this.#findStarted(session.executionId, operationId))?.targetId;
      if (target === undefined) continue;
      try {
        await this.#executions.stopExecution(target);
      } catch (error) {
        if (!hasErrorCode(error, "EXECUTION_CLOSED") && !hasErrorCode(error, "NOT_FOUND"))
          throw error;
      }
    }
  }

  /** Before an invocation: re-launches targets a crash left unstarted, and records targets that ended unreported. */
  async recover(session: ExecutionSession): Promise<void> {
    for (const { operation } of session.operations.values()) {
      if (operation.Type !== "CHAINED_INVOKE" || operation.Status !== "STARTED") continue;
      if (this.#targets.has(`${session.executionId}\n${operation.Id}`)) continue;
      const started = await this.#findStarted(session.executionId, operation.Id);
      if (started !== undefined) await this.#launch(session.executionId, started.start);
    }
  }

  /**
   * Records the end of a target execution on its caller (no-op for executions nobody invoked),
   * then deletes the target's invoke-result timer, its safety net should this never happen.
   */
  async executionClosed(target: ExecutionRecord): Promise<void> {
    const callerId = target.attributes?.["parentExecutionId"];
    const operationId = target.attributes?.["parentOperationId"];
    if (typeof callerId !== "string" || typeof operationId !== "string") return;
    if (target.status !== "RUNNING") {
      const outcome: InvokeOutcome =
        target.status === "SUCCEEDED"
          ? { status: "SUCCEEDED", result: target.result }
          : { status: target.status, error: target.error };
      await this.#record(callerId, operationId, outcome);
      this.#targets.delete(`${callerId}\n${operationId}`);
    }
    const { store } = this.#ctx;
    const key = { executionId: target.executionId, timerId: invokeResultTimerId };
    await writeExecution(store, target.executionId, async () => {
      const timers = await store.listTimers(target.executionId);
      if (!timers.some((timer) => timer.timerId === key.timerId)) return undefined;
      return { change: { deleteTimers: [key] }, result: undefined };
    });
  }

  /**
   * The invocation's end set a readyAt in the future as a safety net, in case this process died
   * before launching its targets (the next invocation's `recover` would launch them): they are
   * launched, so take it away unless something else changed the readyAt since.
   */
  async #clearLaunchCheck(session: ExecutionSession): Promise<void> {
    const at = session.launchCheckAt;
    if (at === undefined) return;
    session.launchCheckAt = undefined;
    await writeExecution(this.#ctx.store, session.executionId, async (row) =>
      row.readyAt === at && row.leaseOwner === undefined
        ? { change: { execution: { readyAt: null } }, result: undefined }
        : undefined,
    );
  }

  async #launch(callerId: string, start: ChildStart): Promise<void> {
    const { functionName, operationId } = start;
    const { name, executionId } = childExecutionIdentity(callerId, operationId, functionName);
    if (this.#ctx.functions.get(functionName) === undefined) {
      const error = {
        ErrorType: "ResourceNotFoundException",
        ErrorMessage: this.#ctx.functions.describeMissing(functionName),
      };
      await this.#record(callerId, operationId, { status: "FAILED", error });
      return;
    }
    const started = await this.#executions.createExecution({
      functionName,
      name,
      executionId,
      inputPayload: start.input,
      timeoutSeconds: undefined,
      attributes: { parentExecutionId: callerId, parentOperationId: operationId },
    });
    // Only once it exists: until then `recover` must still launch it.
    this.#targets.set(`${callerId}\n${operationId}`, executionId);
    if (!started.created && started.execution.status !== "RUNNING") {
      const row = await this.#ctx.store.getExecution(started.execution.executionId);
      if (row !== undefined) await this.executionClosed(row);
    }
  }

  async #record(callerId: string, operationId: string, outcome: InvokeOutcome): Promise<void> {
    const { store, clock, signals, hub } = this.#ctx;
    const now = clock.now();
    const written = await writeExecution(store, callerId, async (row) => {
      if (row.status !== "RUNNING") return undefined;
      const record = await store.getOperation(callerId, operationId);
      if (
        record === undefined ||
        record.operation.Type !== "CHAINED_INVOKE" ||
        record.operation.Status !== "STARTED"
      )
        return undefined;
      const events = new EventSink(row.lastEventId, now);
      const operation = {
        ...record.operation,
        Status: outcome.status,
        EndTimestamp: new Date(now),
      };
      if (outcome.status === "SUCCEEDED") {
        operation.ChainedInvokeDetails =
          outcome.result === undefined ? {} : { Result: outcome.result };
        events.add(outcomeEvents[outcome.status], operation, {
          Result: eventResult(outcome.result),
        });
      } else {
        operation.ChainedInvokeDetails =
          outcome.error === undefined ? {} : { Error: outcome.error };
        events.add(outcomeEvents[outcome.status], operation, { Error: eventError(outcome.error) });
      }
      return {
        change: {
          execution: { lastEventId: events.lastEventId, readyAt: now },
          operations: [{ executionId: callerId, seq: record.seq, operation }],
          events: events.events,
        },
        result: operation,
      };
    });
    if (written.kind !== "written") return;
    if (hub.hasListeners)
      hub.emit({ type: "operations-changed", executionId: callerId, operations: [written.result] });
    signals.ready(now);
  }

  /** The START of a chained invoke, read back from the caller's history (after a restart). */
  async #findStarted(
    callerId: string,
    operationId: string,
  ): Promise<{ start: ChildStart; targetId: string | undefined } | undefined> {
    const events = await this.#ctx.store.listEvents(callerId);
    const event = events.find(
      (e) => e.EventType === "ChainedInvokeStarted" && e.Id === operationId,
    );
    const details = event?.ChainedInvokeStartedDetails;
    if (details?.FunctionName === undefined) return undefined;
    return {
      start: { operationId, functionName: details.FunctionName, input: details.Input?.Payload },
      targetId: details.DurableExecutionArn,
    };
  }
}
