/**
 * The error shape the testing library reports (official `TestResultError`).
 */
import type { ErrorObject } from "@durably/sdk/protocol";

/** An error as tests see it: every key present, possibly undefined. */
export interface TestResultError {
  errorMessage: string | undefined;
  errorType: string | undefined;
  errorData: string | undefined;
  stackTrace: string[] | undefined;
}

/** Maps a wire error object to the test shape. */
export function toTestResultError(error: ErrorObject): TestResultError {
  return {
    errorMessage: error.ErrorMessage,
    errorType: error.ErrorType,
    errorData: error.ErrorData,
    stackTrace: error.StackTrace,
  };
}

/** Parses a stored payload as JSON, falling back to the raw string; undefined stays undefined. */
export function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}
