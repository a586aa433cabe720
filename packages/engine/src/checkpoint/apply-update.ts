/**
 * The state machine of protocol.md §6.2: checks one update against the operation's current record
 * and produces the new record, recording history events, timers and side effects through a
 * {@link TransitionContext}. Throws the service's message for an illegal update; never mutates.
 */
import type {
  Operation,
  OperationAction,
  OperationType,
  OperationUpdate,
} from "@durably/sdk/protocol";
import { invalidCheckpoint } from "../errors/invalid-parameter-value-exception.ts";
import { eventError, eventResult } from "../history/event-sink.ts";
import { operationTimerId } from "../scheduler/timer-ids.ts";
import { applyCancel, applyStart } from "./apply-start-or-cancel.ts";
import {
  checkPayloadRules,
  identityOf,
  illegal,
  isDelay,
  newRecord,
} from "./transition-context.ts";
import type { TransitionContext } from "./transition-context.ts";

const allowedActions: Readonly<Record<OperationType, readonly OperationAction[]>> = {
  EXECUTION: ["SUCCEED", "FAIL"],
  STEP: ["START", "SUCCEED", "FAIL", "RETRY"],
  CONTEXT: ["START", "SUCCEED", "FAIL"],
  WAIT: ["START", "CANCEL"],
  CALLBACK: ["START", "CANCEL"],
  CHAINED_INVOKE: ["START", "CANCEL"],
};
const knownActions = new Set<string>(["START", "SUCCEED", "FAIL", "RETRY", "CANCEL"]);

/** Applies `update` to `current` (undefined: no record yet); returns the new record. */
export function applyUpdate(
  update: OperationUpdate,
  current: Operation | undefined,
  ctx: TransitionContext,
): Operation {
  const allowed = Object.hasOwn(allowedActions, update.Type)
    ? allowedActions[update.Type]
    : undefined;
  if (allowed === undefined) throw invalidCheckpoint("Unknown operation type.");
  if (!knownActions.has(update.Action)) throw invalidCheckpoint(`Invalid ${update.Type} action.`);
  if (!allowed.includes(update.Action))
    throw invalidCheckpoint("Invalid action for the given operation type.");
  // A record of another type is never a legal state for this update.
  const record = current === undefined || current.Type === update.Type ? current : illegal(update);
  switch (update.Type) {
    case "STEP":
      return applyStep(update, record, ctx);
    case "CONTEXT":
      return applyContext(update, record, ctx);
    case "WAIT":
    case "CALLBACK":
    case "CHAINED_INVOKE":
      return update.Action === "START"
        ? applyStart(update, record, ctx)
        : applyCancel(update, record, ctx);
    case "EXECUTION":
      checkPayloadRules(update);
      return ctx.closeExecution(
        update.Action === "SUCCEED"
          ? { status: "SUCCEEDED", result: update.Payload }
          : { status: "FAILED", error: update.Error },
      );
  }
}

function applyStep(
  u: OperationUpdate,
  cur: Operation | undefined,
  ctx: TransitionContext,
): Operation {
  const status = cur?.Status;
  const previous = cur?.StepDetails;
  if (u.Action === "START") {
    if (cur !== undefined && status !== "READY") illegal(u);
    const op = newRecord(u, cur, ctx, "STARTED", false);
    op.StepDetails = { ...previous };
    delete op.StepDetails.NextAttemptTimestamp;
    ctx.events.add("StepStarted", op, {});
    return op;
  }
  if (cur !== undefined && status !== "STARTED" && status !== "READY") illegal(u);
  const attempt = (previous?.Attempt ?? 0) + 1;
  if (cur === undefined) ctx.events.add("StepStarted", identityOf(u), {});
  if (u.Action === "RETRY") {
    const delay = u.StepOptions?.NextAttemptDelaySeconds;
    if (!isDelay(delay)) throw invalidCheckpoint("Invalid StepOptions for the given action.");
    if (u.Error !== undefined && u.Payload !== undefined)
      throw invalidCheckpoint("Cannot provide both error and payload to RETRY a STEP.");
    const op = newRecord(u, cur, ctx, "PENDING", false);
    const next = ctx.now + delay * 1000;
    op.StepDetails = { Attempt: attempt, NextAttemptTimestamp: new Date(next) };
    if (u.Payload !== undefined) op.StepDetails.Result = u.Payload;
    if (u.Error !== undefined) op.StepDetails.Error = u.Error;
    ctx.setTimer({
      timerId: operationTimerId("retry", op.Id),
      kind: "retry",
      operationId: op.Id,
      dueAt: next,
    });
    const retryDetails = { CurrentAttempt: attempt, NextAttemptDelaySeconds: delay };
    if (u.Error !== undefined)
      ctx.events.add("StepFailed", op, { Error: eventError(u.Error), RetryDetails: retryDetails });
    else
      ctx.events.add("StepSucceeded", op, {
        Result: eventResult(u.Payload),
        RetryDetails: retryDetails,
      });
    return op;
  }
  checkPayloadRules(u);
  const isSuccess = u.Action === "SUCCEED";
  const op = newRecord(u, cur, ctx, isSuccess ? "SUCCEEDED" : "FAILED", true);
  op.StepDetails = { Attempt: attempt };
  if (isSuccess && u.Payload !== undefined) op.StepDetails.Result = u.Payload;
  if (!isSuccess && u.Error !== undefined) op.StepDetails.Error = u.Error;
  if (isSuccess)
    ctx.events.add("StepSucceeded", op, {
      Result: eventResult(u.Payload),
      RetryDetails: { CurrentAttempt: attempt },
    });
  else
    ctx.events.add("StepFailed", op, {
      Error: eventError(u.Error),
      RetryDetails: { CurrentAttempt: attempt },
    });
  return op;
}

function applyContext(
  u: OperationUpdate,
  cur: Operation | undefined,
  ctx: TransitionContext,
): Operation {
  const replayChildren = u.ContextOptions?.ReplayChildren ?? cur?.ContextDetails?.ReplayChildren;
  if (u.Action === "START") {
    if (cur !== undefined) illegal(u);
    const op = newRecord(u, cur, ctx, "STARTED", false);
    op.ContextDetails = replayChildren === undefined ? {} : { ReplayChildren: replayChildren };
    ctx.events.add("ContextStarted", op, {});
    return op;
  }
  if (cur !== undefined && cur.Status !== "STARTED") illegal(u);
  checkPayloadRules(u);
  if (cur === undefined) ctx.events.add("ContextStarted", identityOf(u), {});
  const isSuccess = u.Action === "SUCCEED";
  const op = newRecord(u, cur, ctx, isSuccess ? "SUCCEEDED" : "FAILED", true);
  op.ContextDetails = {};
  if (isSuccess && u.Payload !== undefined) op.ContextDetails.Result = u.Payload;
  if (!isSuccess && u.Error !== undefined) op.ContextDetails.Error = u.Error;
  if (replayChildren !== undefined) op.ContextDetails.ReplayChildren = replayChildren;
  if (isSuccess) ctx.events.add("ContextSucceeded", op, { Result: eventResult(u.Payload) });
  else ctx.events.add("ContextFailed", op, { Error: eventError(u.Error) });
  return op;
}
