/**
 * What a row's colour says: an operation's status read together with its type, because STARTED
 * means "code is running" for a step or context but "waiting" for a wait, callback or invoke.
 */
import type { OperationStatus, OperationType } from "../api/api-types.ts";

/** The phase a bar is coloured by. */
export const Phase = {
  running: "running",
  waiting: "waiting",
  succeeded: "succeeded",
  failed: "failed",
  timedOut: "timed-out",
  stopped: "stopped",
  cancelled: "cancelled",
} as const;
/** One of {@link Phase}'s values. */
export type Phase = (typeof Phase)[keyof typeof Phase];

const waitingTypes: ReadonlySet<string> = new Set(["WAIT", "CALLBACK", "CHAINED_INVOKE"]);

/** True for operation types whose life is spent waiting on something outside the handler. */
export function isWaitingType(type: OperationType): boolean {
  return waitingTypes.has(type);
}

/** The phase of an operation in `status`. */
export function operationPhase(type: OperationType, status: OperationStatus): Phase {
  switch (status) {
    case "STARTED":
      return isWaitingType(type) ? Phase.waiting : Phase.running;
    case "PENDING":
    case "READY":
      // A step between attempts: its retry timer runs (PENDING) or has fired (READY).
      return Phase.waiting;
    case "SUCCEEDED":
      return Phase.succeeded;
    case "FAILED":
      return Phase.failed;
    case "TIMED_OUT":
      return Phase.timedOut;
    case "STOPPED":
      return Phase.stopped;
    case "CANCELLED":
      return Phase.cancelled;
  }
}

/** True while the operation can still change. */
export function isOpenStatus(status: OperationStatus): boolean {
  return status === "STARTED" || status === "PENDING" || status === "READY";
}
