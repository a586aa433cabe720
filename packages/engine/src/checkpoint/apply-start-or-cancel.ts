/**
 * START and CANCEL of the operations the service completes on its own: a WAIT (its timer), a
 * CALLBACK (an id, its timeout and heartbeat timers) and a CHAINED_INVOKE (its target execution).
 */
import type { Operation, OperationUpdate } from "@durably/sdk/protocol";
import { invalidCheckpoint } from "../errors/invalid-parameter-value-exception.ts";
import { eventError, eventResult } from "../history/event-sink.ts";
import { heartbeatTimerId, operationTimerId } from "../scheduler/timer-ids.ts";
import { illegal, isDelay, isOptionalTimeout, newRecord } from "./transition-context.ts";
import type { TransitionContext } from "./transition-context.ts";

/** START of a WAIT, CALLBACK or CHAINED_INVOKE: a new record, its timers, its side effects. */
export function applyStart(
  u: OperationUpdate,
  cur: Operation | undefined,
  ctx: TransitionContext,
): Operation {
  if (cur !== undefined) illegal(u);
  const op = newRecord(u, cur, ctx, "STARTED", false);
  if (u.Type === "WAIT") {
    const seconds = u.WaitOptions?.WaitSeconds;
    if (!isDelay(seconds)) throw invalidCheckpoint("Invalid WaitOptions for the given action.");
    const end = ctx.now + seconds * 1000;
    op.WaitDetails = { ScheduledEndTimestamp: new Date(end) };
    ctx.setTimer({
      timerId: operationTimerId("wait", op.Id),
      kind: "wait",
      operationId: op.Id,
      dueAt: end,
    });
    ctx.events.add("WaitStarted", op, {
      Duration: seconds,
      ScheduledEndTimestamp: op.WaitDetails.ScheduledEndTimestamp,
    });
  } else if (u.Type === "CALLBACK") {
    const timeout = u.CallbackOptions?.TimeoutSeconds;
    const heartbeat = u.CallbackOptions?.HeartbeatTimeoutSeconds;
    if (!isOptionalTimeout(timeout) || !isOptionalTimeout(heartbeat))
      throw invalidCheckpoint("Invalid CallbackOptions for the given action.");
    const callbackId = ctx.mintCallbackId();
    op.CallbackDetails = { CallbackId: callbackId };
    const details: { CallbackId: string; Timeout?: number; HeartbeatTimeout?: number } = {
      CallbackId: callbackId,
    };
    if (timeout !== undefined && timeout > 0) {
      details.Timeout = timeout;
      ctx.setTimer({
        timerId: operationTimerId("callback-timeout", op.Id),
        kind: "callback-timeout",
        operationId: op.Id,
        dueAt: ctx.now + timeout * 1000,
      });
    }
    if (heartbeat !== undefined && heartbeat > 0) {
      details.HeartbeatTimeout = heartbeat;
      ctx.setTimer({
        timerId: heartbeatTimerId(op.Id, heartbeat),
        kind: "callback-heartbeat",
        operationId: op.Id,
        dueAt: ctx.now + heartbeat * 1000,
      });
    }
    ctx.events.add("CallbackStarted", op, details);
  } else {
    const functionName = u.ChainedInvokeOptions?.FunctionName;
    if (typeof functionName !== "string" || functionName.length === 0)
      throw invalidCheckpoint("Invalid ChainedInvokeOptions for the given action.");
    op.ChainedInvokeDetails = {};
    const details: Record<string, unknown> = { FunctionName: functionName };
    if (u.ChainedInvokeOptions?.TenantId !== undefined)
      details["TenantId"] = u.ChainedInvokeOptions.TenantId;
    details["Input"] = eventResult(u.Payload);
    details["ExecutedVersion"] = "$LATEST";
    details["DurableExecutionArn"] = ctx.childExecutionId(op.Id, functionName);
    ctx.startChild({ operationId: op.Id, functionName, input: u.Payload });
    ctx.events.add("ChainedInvokeStarted", op, details);
  }
  return op;
}

/** CANCEL of a started WAIT, CALLBACK or CHAINED_INVOKE. */
export function applyCancel(
  u: OperationUpdate,
  cur: Operation | undefined,
  ctx: TransitionContext,
): Operation {
  if (cur === undefined || cur.Status !== "STARTED") illegal(u);
  const status = u.Type === "WAIT" ? "CANCELLED" : u.Type === "CALLBACK" ? "CANCELLED" : "STOPPED";
  const op: Operation = { ...cur, Status: status, EndTimestamp: ctx.nowDate };
  ctx.deleteOperationTimers(op.Id);
  const details = u.Error === undefined ? {} : { Error: eventError(u.Error) };
  if (u.Type === "WAIT") ctx.events.add("WaitCancelled", op, details);
  if (u.Type === "CHAINED_INVOKE") {
    ctx.stopChild(op.Id);
    ctx.events.add("ChainedInvokeStopped", op, details);
  }
  return op;
}
