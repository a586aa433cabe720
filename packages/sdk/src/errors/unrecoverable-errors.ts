/**
 * Errors that end an invocation with a thrown error instead of an output (spec/sdk-api.md §2
 * step 7). Internal: user code never sees them, the caller of the Lambda handler does.
 */
import type { DurableExecutionClientErrorScope } from "./durable-execution-client-error.ts";
import { NonDeterministicExecutionError } from "./non-deterministic-execution-error.ts";

/** A checkpoint request failed; `scope` says whether retrying the invocation can help. */
export class CheckpointFailedError extends Error {
  override name: string = "CheckpointFailedError";
  /** INVOCATION: retry the invocation; EXECUTION: retrying cannot succeed. */
  readonly scope: DurableExecutionClientErrorScope;
  constructor(message: string, scope: DurableExecutionClientErrorScope, cause: unknown) {
    super(message, { cause });
    this.scope = scope;
  }
}

/** A serdes threw while serialising or deserialising an operation's value. */
export class SerdesFailedError extends Error {
  override name: string = "SerdesFailedError";
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** True for the SDK's own errors that must end the invocation rather than fail an operation. */
export function isUnrecoverableError(error: unknown): boolean {
  return (
    error instanceof CheckpointFailedError ||
    error instanceof SerdesFailedError ||
    error instanceof NonDeterministicExecutionError
  );
}
