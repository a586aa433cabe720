/**
 * Typed views of an operation's details, as the official testing library exposes them.
 */
import type { ErrorObject, Event, Operation } from "@durably/sdk/protocol";
import { parsePayload, toTestResultError } from "../result/test-result-error.ts";
import type { TestResultError } from "../result/test-result-error.ts";

/** Result and error of a CONTEXT operation. */
export interface ContextDetails<R = unknown> {
  readonly result: R | undefined;
  readonly error: TestResultError | undefined;
}
/** Attempts, result and error of a STEP operation (steps and waitForCondition). */
export interface StepDetails<R = unknown> {
  readonly attempt: number | undefined;
  readonly nextAttemptTimestamp: Date | undefined;
  readonly result: R | undefined;
  readonly error: TestResultError | undefined;
}
/** Id, result and error of a CALLBACK operation. */
export interface CallbackDetails<R = unknown> {
  readonly callbackId: string;
  readonly error?: TestResultError | undefined;
  readonly result?: R | undefined;
}
/** Result and error of a CHAINED_INVOKE operation. */
export interface ChainedInvokeDetails<R = unknown> {
  readonly error?: TestResultError | undefined;
  readonly result?: R | undefined;
}
/** Duration and end of a WAIT operation. */
export interface WaitResultDetails {
  readonly waitSeconds?: number | undefined;
  readonly scheduledEndTimestamp?: Date | undefined;
}

function errorOf(error: ErrorObject | undefined): TestResultError | undefined {
  return error ? toTestResultError(error) : undefined;
}

/** Step details, or a type error naming the operation's type. */
export function stepDetailsOf<R>(op: Operation): StepDetails<R> {
  if (op.Type !== "STEP") throw new Error(`Operation type ${op.Type} is not STEP`);
  const d = op.StepDetails;
  return {
    attempt: d?.Attempt,
    nextAttemptTimestamp: d?.NextAttemptTimestamp,
    result: parsePayload(d?.Result) as R | undefined,
    error: errorOf(d?.Error),
  };
}

/** Context details, or a type error. */
export function contextDetailsOf<R>(op: Operation): ContextDetails<R> {
  if (op.Type !== "CONTEXT") throw new Error(`Operation type ${op.Type} is not CONTEXT`);
  const d = op.ContextDetails;
  return { result: parsePayload(d?.Result) as R | undefined, error: errorOf(d?.Error) };
}

/** Chained-invoke details (result parsed strictly), or a type error. */
export function chainedInvokeDetailsOf<R>(op: Operation): ChainedInvokeDetails<R> {
  if (op.Type !== "CHAINED_INVOKE") throw new Error(`Operation type ${op.Type} is not INVOKE`);
  const d = op.ChainedInvokeDetails;
  let result: R | undefined;
  if (d?.Result !== undefined) {
    try {
      result = JSON.parse(d.Result) as R;
    } catch {
      throw new Error("Could not parse result for invoke details");
    }
  }
  return { result, error: errorOf(d?.Error) };
}

/** Wait details read from the operation's first history event, or a type error. */
export function waitDetailsOf(op: Operation, events: readonly Event[]): WaitResultDetails {
  if (op.Type !== "WAIT") throw new Error(`Operation type ${op.Type} is not WAIT`);
  const first = events[0];
  const started = first?.WaitStartedDetails;
  if (!started) throw new Error("First wait event does not have WaitStartedDetails");
  return { waitSeconds: started.Duration, scheduledEndTimestamp: started.ScheduledEndTimestamp };
}

/** Callback details of a CALLBACK operation (the caller resolves waitForCallback contexts first). */
export function callbackDetailsOf<R>(op: Operation): CallbackDetails<R> {
  const d = op.CallbackDetails;
  if (!d?.CallbackId) throw new Error("Could not find callback ID in callback details");
  return {
    callbackId: d.CallbackId,
    result: parsePayload(d.Result) as R | undefined,
    error: errorOf(d.Error),
  };
}
