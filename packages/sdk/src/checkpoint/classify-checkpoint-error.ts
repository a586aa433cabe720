import {
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
} from "../errors/durable-execution-client-error.ts";
import { CheckpointFailedError } from "../errors/unrecoverable-errors.ts";

const KMS_ERROR_NAMES: ReadonlySet<string> = new Set([
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSInvalidStateException",
  "KMSNotFoundException",
]);

/** True for the AWS KMS errors that fail an execution outright. */
export function isKmsError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    KMS_ERROR_NAMES.has(String((error as { name?: unknown }).name))
  );
}

/**
 * Classifies a failed checkpoint request (spec/sdk-api.md §12.5): a client error keeps its scope;
 * a stale token is the invocation's problem; KMS errors and other 4xx (not 429) are the
 * execution's; everything else (5xx, throttling, network) the invocation's.
 */
export function classifyCheckpointError(error: unknown): CheckpointFailedError {
  const message = `Checkpoint failed: ${messageOf(error)}`;
  if (isDurableExecutionClientError(error))
    return new CheckpointFailedError(message, error.scope, error);
  if (isKmsError(error))
    return new CheckpointFailedError(message, DurableExecutionClientErrorScope.EXECUTION, error);
  const status = httpStatusOf(error);
  const name =
    typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  const isStaleToken =
    name === "InvalidParameterValueException" &&
    messageOf(error).startsWith("Invalid Checkpoint Token");
  if (status !== undefined && status >= 400 && status < 500 && status !== 429 && !isStaleToken) {
    return new CheckpointFailedError(message, DurableExecutionClientErrorScope.EXECUTION, error);
  }
  return new CheckpointFailedError(message, DurableExecutionClientErrorScope.INVOCATION, error);
}

function messageOf(error: unknown): string {
  if (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as {
    $metadata?: { httpStatusCode?: unknown };
    statusCode?: unknown;
    status?: unknown;
  };
  for (const value of [
    candidate.$metadata?.httpStatusCode,
    candidate.statusCode,
    candidate.status,
  ]) {
    if (typeof value === "number") return value;
  }
  return undefined;
}
