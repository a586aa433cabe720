/**
 * What the end of an invocation writes (one commit): `InvocationCompleted`, the lease release, and
 * depending on the outcome the execution's close, a back-off retry, or its next ready instant.
 */
import type { DurableExecutionInvocationOutput, ErrorObject } from "@durably/sdk/protocol";
import type { ExecutionPatch, TimerKey } from "@durably/store";
import type { ExecutionSession, SessionCommit } from "../checkpoint/execution-session.ts";
import { EventSink } from "../history/event-sink.ts";
import type { EngineConfig } from "../internal/engine-context.ts";
import { executionOperationId } from "../internal/ids.ts";
import { closeExecution } from "../lifecycle/execution-close.ts";
import { invokeResultTimers } from "../lifecycle/invoke-result-timer.ts";
import type { ExecutionOutcome } from "../lifecycle/execution-close.ts";

/** How the handler ended. */
export type InvocationResult =
  | { kind: "returned"; output: DurableExecutionInvocationOutput }
  | { kind: "threw"; error: ErrorObject };

/** Facts about the invocation. */
export interface InvocationFacts {
  invocationId: string;
  startedAt: number;
  /** Execution version when the invocation started (for the next UpdatedOperationIds). */
  startVersion: number;
}

/** The planned end of an invocation. */
export interface CompletionPlan {
  change: SessionCommit;
  /** True when this commit closes the execution. */
  closes: boolean;
  /** When the execution should be invoked again, if it should. */
  readyAt?: number | undefined;
  /** The readyAt set in case the invocation's chained invokes are never launched (cleared once they are). */
  launchCheckAt?: number | undefined;
}

/** The error an execution fails with when the handler suspends with nothing that could wake it. */
const pendingWithoutWorkError: ErrorObject = {
  ErrorType: "InvalidParameterValueException",
  ErrorMessage: "Cannot return PENDING status with no pending operations.",
};

/** Plans the end-of-invocation commit against the session's current state. */
export function planCompletion(
  session: ExecutionSession,
  result: InvocationResult,
  facts: InvocationFacts,
  now: number,
  config: EngineConfig,
): CompletionPlan {
  const record = session.record;
  const events = new EventSink(record.lastEventId, now);
  const invocationError =
    result.kind === "threw"
      ? result.error
      : result.output.Status === "FAILED"
        ? result.output.Error
        : undefined;
  const details: Record<string, unknown> = {
    StartTimestamp: new Date(facts.startedAt),
    EndTimestamp: new Date(now),
    RequestId: facts.invocationId,
  };
  if (invocationError !== undefined) details["Error"] = { Payload: invocationError };
  events.add("InvocationCompleted", undefined, details);

  const attributes: Record<string, unknown> = {
    ...record.attributes,
    lastInvocationVersion: facts.startVersion,
  };
  delete attributes["invocationFailures"];
  const patch: ExecutionPatch = { leaseOwner: null, leaseExpiresAt: null };
  let outcome: ExecutionOutcome | undefined;
  let readyAt: number | undefined;
  let launchCheckAt: number | undefined;
  if (record.status !== "RUNNING") {
    patch.readyAt = null; // closed while the invocation ran (EXECUTION checkpoint, stop, timeout)
  } else if (result.kind === "threw" && session.hasStoreFailure) {
    // Its checkpoints failed because the store was unreachable: the service's failure, which
    // the handler's retry budget does not pay for. Invoke it again after a pause.
    readyAt = now + config.invocationRetry.initialDelayMs;
    patch.readyAt = readyAt;
    const failures = record.attributes?.["invocationFailures"];
    if (failures !== undefined) attributes["invocationFailures"] = failures;
  } else if (result.kind === "threw") {
    const failures =
      (typeof record.attributes?.["invocationFailures"] === "number"
        ? record.attributes["invocationFailures"]
        : 0) + 1;
    if (failures >= config.invocationRetry.maxAttempts) {
      outcome = { status: "FAILED", error: result.error };
    } else {
      attributes["invocationFailures"] = failures;
      const { initialDelayMs, maxDelayMs } = config.invocationRetry;
      readyAt = now + Math.min(maxDelayMs, initialDelayMs * 2 ** (failures - 1));
      patch.readyAt = readyAt;
    }
  } else if (result.output.Status === "SUCCEEDED") {
    const value = result.output.Result;
    outcome = {
      status: "SUCCEEDED",
      result: value === undefined || value === "" ? undefined : value,
    };
  } else if (result.output.Status === "FAILED") {
    outcome = { status: "FAILED", error: result.output.Error };
  } else if (!hasPendingWork(session)) {
    outcome = { status: "FAILED", error: pendingWithoutWorkError };
  } else {
    // Changes the invocation never saw, or a retry timer that already elapsed, need a new invocation now.
    readyAt = session.undelivered.size > 0 || hasReadyStep(session) ? now : undefined;
    patch.readyAt = readyAt ?? null;
    // Its chained invokes are launched after this commit; should this process die first, the
    // execution is invoked again then, and launches them (ChainedInvokes.recover).
    if (readyAt === undefined && session.childStarts.length > 0) {
      launchCheckAt = now + config.leaseMs;
      patch.readyAt = launchCheckAt;
    }
  }

  const change: SessionCommit = {};
  if (outcome !== undefined) {
    const executionOp = session.get(executionOperationId(session.executionId));
    if (executionOp === undefined)
      throw new Error(`Execution ${session.executionId} has no EXECUTION operation.`);
    const closed = closeExecution(outcome, executionOp, now, events);
    Object.assign(patch, closed.patch);
    const seq = session.operations.get(executionOp.Id)?.seq ?? 1;
    change.operations = [{ executionId: session.executionId, seq, operation: closed.operation }];
    change.deleteTimers = [...session.timers.keys()].map((timerId): TimerKey => ({
      executionId: session.executionId,
      timerId,
    }));
    change.setTimers = invokeResultTimers(record, now + config.leaseMs);
  }
  patch.lastEventId = events.lastEventId;
  patch.attributes = attributes;
  change.execution = patch;
  change.events = events.events;
  return { change, closes: outcome !== undefined, readyAt, launchCheckAt };
}

/** Something that can still change without the handler: a timer, a callback, a child execution, or unseen changes. */
function hasPendingWork(session: ExecutionSession): boolean {
  if (session.undelivered.size > 0) return true;
  for (const { operation: op } of session.operations.values()) {
    switch (op.Type) {
      case "WAIT":
      case "CALLBACK":
      case "CHAINED_INVOKE":
        if (op.Status === "STARTED") return true;
        break;
      case "STEP":
        if (op.Status === "PENDING" || op.Status === "READY") return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function hasReadyStep(session: ExecutionSession): boolean {
  for (const { operation: op } of session.operations.values())
    if (op.Type === "STEP" && op.Status === "READY") return true;
  return false;
}
