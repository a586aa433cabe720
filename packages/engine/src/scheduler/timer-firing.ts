/**
 * What a due timer does (protocol.md §8), written atomically with the timer's deletion: a wait
 * succeeds, a retry becomes READY, a callback times out, an execution times out. The execution is
 * marked ready so the change reaches the handler (in a checkpoint response, or a new invocation).
 */
import type { ErrorObject, Operation } from "@durably/sdk/protocol";
import type { ExecutionRecord, OperationRecord, TimerKey, TimerRecord } from "@durably/store";
import { EventSink, eventError } from "../history/event-sink.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { executionOperationId } from "../internal/ids.ts";
import { writeExecution } from "../internal/optimistic-write.ts";
import type { PlannedWrite } from "../internal/optimistic-write.ts";
import { closeExecution } from "../lifecycle/execution-close.ts";
import { invokeResultTimers } from "../lifecycle/invoke-result-timer.ts";

/** Errors recorded on timed-out callbacks (the service's texts). */
export const callbackTimeoutErrors: { timeout: ErrorObject; heartbeat: ErrorObject } = {
  timeout: { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" },
  heartbeat: { ErrorType: "Callback.Heartbeat", ErrorMessage: "Callback timed out on heartbeat" },
};

interface Fired {
  operation: Operation | undefined;
  closes: boolean;
}

/**
 * Fires one timer if it is still due; returns whether it wrote anything. A timer this engine
 * claimed (`claimedUntil`: the dueAt its claim gave it) is still due while it keeps that dueAt.
 */
export async function fireTimer(
  ctx: EngineContext,
  timer: TimerRecord,
  claimedUntil?: number,
): Promise<boolean> {
  const { store, clock } = ctx;
  const now = clock.now();
  const isDue = (current: TimerRecord): boolean =>
    claimedUntil === undefined ? current.dueAt <= now : current.dueAt === claimedUntil;
  if (timer.kind === "invoke-result") return deliverInvokeResult(ctx, timer, isDue);
  const outcome = await writeExecution(
    store,
    timer.executionId,
    async (row): Promise<PlannedWrite<Fired> | undefined> => {
      const timers = await store.listTimers(timer.executionId);
      const current = timers.find((t) => t.timerId === timer.timerId);
      // Deleted or moved (a heartbeat restarted it, another worker claimed it) since it was listed.
      if (current === undefined || !isDue(current)) return undefined;
      const key: TimerKey = { executionId: timer.executionId, timerId: timer.timerId };
      const dropOnly: PlannedWrite<Fired> = {
        change: { deleteTimers: [key] },
        result: { operation: undefined, closes: false },
      };
      if (row.status !== "RUNNING") return dropOnly;
      const events = new EventSink(row.lastEventId, now);
      if (current.kind === "execution-timeout") return planTimeout(ctx, row, timers, events, now);
      const record =
        current.operationId === undefined
          ? undefined
          : await store.getOperation(timer.executionId, current.operationId);
      const operation =
        record === undefined ? undefined : transition(current, record.operation, events, now);
      if (record === undefined || operation === undefined) return dropOnly;
      // A callback's end also cancels its other timer.
      const deleteTimers = current.kind.startsWith("callback-")
        ? timers
            .filter((t) => t.operationId === current.operationId)
            .map((t): TimerKey => ({ executionId: t.executionId, timerId: t.timerId }))
        : [key];
      return {
        change: {
          execution:
            events.events.length > 0
              ? { lastEventId: events.lastEventId, readyAt: now }
              : { readyAt: now },
          operations: [{ executionId: record.executionId, seq: record.seq, operation }],
          events: events.events,
          deleteTimers,
        },
        result: { operation, closes: false },
      };
    },
  );
  if (outcome.kind !== "written") return false;
  const { operation, closes } = outcome.result;
  if (operation !== undefined && ctx.hub.hasListeners) {
    ctx.hub.emit({
      type: "operations-changed",
      executionId: timer.executionId,
      operations: [operation],
    });
  }
  if (closes) ctx.signals.executionClosed(outcome.row);
  else if (operation !== undefined) ctx.signals.ready(now);
  return true;
}

/**
 * The closing process of an invoked execution died before recording its outcome on the caller:
 * record it now. The timer is deleted once the outcome is recorded, so a failure here retries.
 */
async function deliverInvokeResult(
  ctx: EngineContext,
  timer: TimerRecord,
  isDue: (current: TimerRecord) => boolean,
): Promise<boolean> {
  const current = (await ctx.store.listTimers(timer.executionId)).find(
    (t) => t.timerId === timer.timerId,
  );
  const row = await ctx.store.getExecution(timer.executionId);
  if (current === undefined || !isDue(current) || row === undefined) return false;
  await ctx.signals.deliverInvokeResult(row);
  return true;
}

/** The new record of the timer's operation, or undefined when the operation is no longer waiting on it. */
function transition(
  timer: TimerRecord,
  op: Operation,
  events: EventSink,
  now: number,
): Operation | undefined {
  const end = new Date(now);
  switch (timer.kind) {
    case "wait": {
      if (op.Type !== "WAIT" || op.Status !== "STARTED") return undefined;
      const next: Operation = { ...op, Status: "SUCCEEDED", EndTimestamp: end };
      const scheduled = op.WaitDetails?.ScheduledEndTimestamp?.getTime();
      const duration =
        scheduled === undefined || op.StartTimestamp === undefined
          ? undefined
          : Math.round((scheduled - op.StartTimestamp.getTime()) / 1000);
      events.add("WaitSucceeded", next, duration === undefined ? {} : { Duration: duration });
      return next;
    }
    case "retry":
      if (op.Type !== "STEP" || op.Status !== "PENDING") return undefined;
      return { ...op, Status: "READY" };
    case "callback-timeout":
    case "callback-heartbeat": {
      if (op.Type !== "CALLBACK" || op.Status !== "STARTED") return undefined;
      const error = {
        ...(timer.kind === "callback-timeout"
          ? callbackTimeoutErrors.timeout
          : callbackTimeoutErrors.heartbeat),
      };
      const next: Operation = {
        ...op,
        Status: "TIMED_OUT",
        EndTimestamp: end,
        CallbackDetails: { ...op.CallbackDetails, Error: error },
      };
      events.add("CallbackTimedOut", next, { Error: eventError(error) });
      return next;
    }
    default:
      return undefined;
  }
}

async function planTimeout(
  ctx: EngineContext,
  row: ExecutionRecord,
  timers: TimerRecord[],
  events: EventSink,
  now: number,
): Promise<PlannedWrite<Fired>> {
  const executionOp: OperationRecord | undefined = await ctx.store.getOperation(
    row.executionId,
    executionOperationId(row.executionId),
  );
  if (executionOp === undefined)
    throw new Error(`Execution ${row.executionId} has no EXECUTION operation.`);
  const error: ErrorObject = {
    ErrorType: "Execution.Timeout",
    ErrorMessage: `Execution timed out after ${row.timeoutSeconds ?? "its timeout of"} seconds.`,
  };
  const closed = closeExecution({ status: "TIMED_OUT", error }, executionOp.operation, now, events);
  return {
    change: {
      execution: { ...closed.patch, lastEventId: events.lastEventId },
      operations: [
        { executionId: row.executionId, seq: executionOp.seq, operation: closed.operation },
      ],
      events: events.events,
      deleteTimers: timers.map((t): TimerKey => ({
        executionId: t.executionId,
        timerId: t.timerId,
      })),
      setTimers: invokeResultTimers(row, now + ctx.config.leaseMs),
    },
    result: { operation: closed.operation, closes: true },
  };
}
