/**
 * Turns a checkpoint request into one atomic commit against the session's cached state: whole-batch
 * validation, then each update applied in order on an overlay (so a START and its outcome in one
 * request see each other), collecting operation records, history events and timer changes. Pure
 * with respect to the session: nothing changes until the commit succeeds.
 */
import type { Operation, OperationUpdate } from "@durably/sdk/protocol";
import type { TimerKey, TimerRecord } from "@durably/store";
import { EventSink } from "../history/event-sink.ts";
import { childExecutionIdentity, executionOperationId } from "../internal/ids.ts";
import type { IdSource } from "../internal/ids.ts";
import { closeExecution } from "../lifecycle/execution-close.ts";
import { invokeResultTimers } from "../lifecycle/invoke-result-timer.ts";
import { checkUpdateSize, validateBatch } from "./batch-validation.ts";
import type { ExecutionSession, SessionCommit } from "./execution-session.ts";
import { applyUpdate } from "./apply-update.ts";
import type { ChildStart, ExecutionClose, TransitionContext } from "./transition-context.ts";

/** A validated checkpoint, ready to commit. */
export interface CheckpointPlan {
  change: SessionCommit;
  /** Operations this checkpoint writes, final state, in first-touch order. */
  changed: Operation[];
  childStarts: ChildStart[];
  childStops: string[];
  /** Due times of the timers it sets. */
  timerDueAts: number[];
  /** True when an EXECUTION update closed the execution. */
  closes: boolean;
}

/**
 * Validates `updates` against `session` and plans their commit; throws InvalidParameterValueException.
 * `invokeResultDelayMs`: when an invoked execution closes, how long its caller may go without its
 * outcome before any worker records it (see invoke-result-timer.ts).
 */
export function planCheckpoint(
  session: ExecutionSession,
  updates: readonly OperationUpdate[],
  now: number,
  ids: IdSource,
  invokeResultDelayMs: number = 60_000,
): CheckpointPlan {
  validateBatch(updates, (id) => session.get(id)?.Type === "CONTEXT");
  const record = session.record;
  const overlay = new Map<string, Operation>();
  const events = new EventSink(record.lastEventId, now);
  const setTimers = new Map<string, TimerRecord>();
  const deleteTimers = new Set<string>();
  const childStarts: ChildStart[] = [];
  const childStops: string[] = [];
  const executionOpId = executionOperationId(session.executionId);
  let close: ExecutionClose | undefined;
  let patchFromClose: SessionCommit["execution"];

  const ctx: TransitionContext = {
    now,
    nowDate: new Date(now),
    events,
    setTimer(timer) {
      deleteTimers.delete(timer.timerId);
      setTimers.set(timer.timerId, { ...timer, executionId: session.executionId });
    },
    deleteOperationTimers(operationId) {
      for (const timer of [...session.timers.values(), ...setTimers.values()]) {
        if (timer.operationId !== operationId) continue;
        setTimers.delete(timer.timerId);
        if (session.timers.has(timer.timerId)) deleteTimers.add(timer.timerId);
      }
    },
    mintCallbackId: () => ids.callbackId(),
    childExecutionId: (operationId, functionName) =>
      childExecutionIdentity(session.executionId, operationId, functionName).executionId,
    startChild: (start) => childStarts.push(start),
    stopChild: (operationId) => childStops.push(operationId),
    closeExecution(outcome) {
      close = outcome;
      const executionOp = overlay.get(executionOpId) ?? session.get(executionOpId);
      if (executionOp === undefined)
        throw new Error(`Execution ${session.executionId} has no EXECUTION operation.`);
      const closed = closeExecution(outcome, executionOp, now, events);
      patchFromClose = closed.patch;
      setTimers.clear();
      for (const timerId of session.timers.keys()) deleteTimers.add(timerId);
      for (const timer of invokeResultTimers(record, now + invokeResultDelayMs)) {
        deleteTimers.delete(timer.timerId);
        setTimers.set(timer.timerId, timer);
      }
      return closed.operation;
    },
  };

  for (const update of updates) {
    checkUpdateSize(update);
    const id = update.Type === "EXECUTION" ? executionOpId : update.Id;
    overlay.set(id, applyUpdate(update, overlay.get(id) ?? session.get(id), ctx));
  }

  let newCount = 0;
  const operations = [];
  for (const [id, operation] of overlay) {
    const seq = session.operations.get(id)?.seq ?? session.peekSeq(newCount++);
    operations.push({ executionId: session.executionId, seq, operation });
  }
  const change: SessionCommit = {
    execution: { ...patchFromClose, checkpointSeq: record.checkpointSeq + 1 },
  };
  if (operations.length > 0) change.operations = operations;
  if (events.events.length > 0) {
    change.events = events.events;
    change.execution = { ...change.execution, lastEventId: events.lastEventId };
  }
  if (setTimers.size > 0) change.setTimers = [...setTimers.values()];
  if (deleteTimers.size > 0) {
    change.deleteTimers = [...deleteTimers].map((timerId): TimerKey => ({
      executionId: session.executionId,
      timerId,
    }));
  }
  return {
    change,
    changed: [...overlay.values()],
    childStarts,
    childStops,
    // The invoke-result timer is deleted in this process once the outcome is recorded.
    timerDueAts: [...setTimers.values()]
      .filter((t) => t.kind !== "invoke-result")
      .map((t) => t.dueAt),
    closes: close !== undefined,
  };
}
