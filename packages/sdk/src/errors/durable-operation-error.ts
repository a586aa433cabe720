/**
 * The errors durable operations throw at `await` (spec/sdk-api.md §12.1–12.2). They travel as an
 * {@link ErrorObject} and are rebuilt from it on replay, so `instanceof` behaves the same live and
 * replayed. All classes live in this file because `fromErrorObject` dispatches over all of them.
 */
import type { ErrorObject } from "../protocol/wire.ts";

const MAX_CAUSE_DEPTH = 10;

/** Base class of every durable operation error. */
export abstract class DurableOperationError extends Error {
  /** The `ErrorType` this error is serialised with. */
  abstract readonly errorType: string;
  override cause?: Error | undefined;
  /** Extra data carried as `ErrorData`. */
  errorData?: string | undefined;
  /** Never stored; kept for shape compatibility. */
  stackTrace?: string[] | undefined;

  constructor(message: string, cause?: Error, errorData?: string) {
    super(message);
    this.cause = cause;
    this.errorData = errorData;
  }

  /** Rebuilds the error class named by `ErrorType`; unknown types become {@link StepError}. */
  static fromErrorObject(errorObject: ErrorObject): DurableOperationError {
    const cause = causeFromErrorObject(errorObject);
    const message = errorObject.ErrorMessage || undefined;
    const data = errorObject.ErrorData;
    switch (errorObject.ErrorType) {
      case "StepError":
        return new StepError(message, cause, data);
      case "CallbackError":
        return new CallbackError(message, cause, data);
      case "CallbackExternalError":
        return new CallbackExternalError(message, cause, data);
      case "CallbackTimeoutError":
        return new CallbackTimeoutError(message, cause, data);
      case "CallbackSubmitterError":
        return new CallbackSubmitterError(message, cause, data);
      case "InvokeError":
        return new InvokeError(message, cause, data);
      case "ChildContextError":
        return new ChildContextError(message, cause, data);
      case "WaitForConditionError":
        return new WaitForConditionError(message, cause, data);
      case "PromiseCombinatorError":
        return new PromiseCombinatorError(message, cause, data);
      default:
        return new StepError(message ?? "Unknown error", cause, data);
    }
  }

  /** The wire form: type, message and data (from the cause chain when unset); never a stack. */
  toErrorObject(): ErrorObject {
    return {
      ErrorType: this.errorType,
      ErrorMessage: this.message,
      ErrorData: this.errorData ?? errorDataOfCauses(this.cause),
      StackTrace: undefined,
    };
  }
}

/** A step failed after its retries. */
export class StepError extends DurableOperationError {
  override name: string = "StepError";
  readonly errorType: string = "StepError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Step failed", cause, errorData);
  }
}

/** A callback failed. */
export class CallbackError extends DurableOperationError {
  override name: string = "CallbackError";
  readonly errorType: string = "CallbackError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Callback failed", cause, errorData);
  }
}

/** The external system reported the callback as failed. */
export class CallbackExternalError extends CallbackError {
  override name: string = "CallbackExternalError";
  override readonly errorType: string = "CallbackExternalError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Callback failed", cause, errorData);
  }
}

/** The callback timed out (overall or heartbeat). */
export class CallbackTimeoutError extends CallbackError {
  override name: string = "CallbackTimeoutError";
  override readonly errorType: string = "CallbackTimeoutError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Callback timed out", cause, errorData);
  }
}

/** The submitter of a waitForCallback failed after its retries. */
export class CallbackSubmitterError extends CallbackError {
  override name: string = "CallbackSubmitterError";
  override readonly errorType: string = "CallbackSubmitterError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Callback submitter failed", cause, errorData);
  }
}

/** A chained invoke ended FAILED, TIMED_OUT or STOPPED. */
export class InvokeError extends DurableOperationError {
  override name: string = "InvokeError";
  readonly errorType: string = "InvokeError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Invoke failed", cause, errorData);
  }
}

/** A child context failed; `cause` is the error thrown inside it. */
export class ChildContextError extends DurableOperationError {
  override name: string = "ChildContextError";
  readonly errorType: string = "ChildContextError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Child context failed", cause, errorData);
  }
}

/** A waitForCondition failed. */
export class WaitForConditionError extends DurableOperationError {
  override name: string = "WaitForConditionError";
  readonly errorType: string = "WaitForConditionError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Wait for condition failed", cause, errorData);
  }
}

/** A `context.promise.*` combinator failed. */
export class PromiseCombinatorError extends DurableOperationError {
  override name: string = "PromiseCombinatorError";
  readonly errorType: string = "PromiseCombinatorError";
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message ?? "Promise combinator failed", cause, errorData);
  }
}

/** A map/parallel whose custom `shouldComplete` completed it as failed. */
export class BatchCompletionError extends DurableOperationError {
  override name: string = "BatchCompletionError";
  readonly errorType: string = "BatchCompletionError";
  /** The batch's completion reason. */
  readonly completionReason: string;
  constructor(completionReason: string, message?: string, cause?: Error, errorData?: string) {
    super(
      message ?? `Batch completed as failed by shouldComplete (${completionReason})`,
      cause,
      errorData,
    );
    this.completionReason = completionReason;
  }
}

const REBUILT_TYPES: ReadonlySet<string> = new Set([
  "StepError",
  "CallbackError",
  "CallbackExternalError",
  "CallbackTimeoutError",
  "CallbackSubmitterError",
  "InvokeError",
  "ChildContextError",
  "WaitForConditionError",
  "PromiseCombinatorError",
]);

/** True when `fromErrorObject` rebuilds this `ErrorType` as its own class. */
export function isRebuiltErrorType(errorType: string | undefined): boolean {
  return errorType !== undefined && REBUILT_TYPES.has(errorType);
}

/** The plain `Error` that stands for the original error inside a rebuilt durable error. */
export function causeFromErrorObject(errorObject: ErrorObject): Error {
  const cause = new Error(errorObject.ErrorMessage);
  cause.name = errorObject.ErrorType || "Error";
  // The original stack is not ours to show; keep only what was recorded.
  (cause as { stack?: string | undefined }).stack = errorObject.StackTrace?.join("\n");
  return cause;
}

function errorDataOfCauses(start: unknown): string | undefined {
  let current = start;
  for (
    let depth = 0;
    depth < MAX_CAUSE_DEPTH && typeof current === "object" && current !== null;
    depth++
  ) {
    const data = (current as { errorData?: unknown }).errorData;
    if (typeof data === "string") return data;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
