/**
 * The engine's own errors for its lifecycle and callback APIs. Every one is a `DurablyError` with a
 * stable code; the server maps codes to HTTP statuses.
 */
import { DurablyError } from "@durably/store";
import type { ExecutionStatus, OperationStatus } from "@durably/sdk/protocol";

/** What a {@link NotFoundError} could not find. */
export type MissingResource = "execution" | "function" | "callback";

/** An execution, function or callback id that does not exist. */
export class NotFoundError extends DurablyError {
  override name = "NotFoundError" as const;
  readonly resource: MissingResource;
  readonly id: string;
  constructor(resource: MissingResource, id: string, message: string) {
    super("NOT_FOUND", message);
    this.resource = resource;
    this.id = id;
  }
}

/** A request with a malformed or out-of-range argument; nothing was changed. */
export class InvalidArgumentError extends DurablyError {
  override name = "InvalidArgumentError" as const;
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/** An operation that needs a RUNNING execution, on one that has finished; nothing was changed. */
export class ExecutionClosedError extends DurablyError {
  override name = "ExecutionClosedError" as const;
  readonly executionId: string;
  readonly status: ExecutionStatus;
  constructor(executionId: string, status: ExecutionStatus, message: string) {
    super("EXECUTION_CLOSED", message);
    this.executionId = executionId;
    this.status = status;
  }
}

/** A callback that already succeeded, failed or timed out cannot be completed or heartbeated again. */
export class CallbackClosedError extends DurablyError {
  override name = "CallbackClosedError" as const;
  readonly callbackId: string;
  readonly status: OperationStatus;
  constructor(callbackId: string, status: OperationStatus) {
    super(
      "INVALID_ARGUMENT",
      `Callback ${callbackId} is already ${status}; a completed or timed-out callback cannot be completed or heartbeated again.`,
    );
    this.callbackId = callbackId;
    this.status = status;
  }
}
