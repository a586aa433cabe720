/**
 * The one table from error codes to HTTP statuses. Every error the API returns goes through it,
 * so a code always means the same status, whichever layer raised it.
 */
import type { ProblemCode } from "./server-error.ts";

/** HTTP status of each problem code. */
export const problemStatus: Readonly<
  Record<ProblemCode, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 500 | 503>
> = {
  // Shared Durably codes (engine and store).
  INVALID_ARGUMENT: 400,
  INVALID_CHECKPOINT: 400,
  NOT_FOUND: 404,
  EXECUTION_CLOSED: 409,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  STALE_TOKEN: 409,
  UNAVAILABLE: 503,
  // The store was closed under the request: the server is shutting down, retrying elsewhere helps.
  CLOSED: 503,
  CORRUPT: 500,
  INTERNAL: 500,
  // The server's own codes.
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** The status of `code`; 500 for a code the table does not know (a newer engine's, say). */
export function statusOfProblemCode(code: string): number {
  return Object.hasOwn(problemStatus, code) ? problemStatus[code as ProblemCode] : 500;
}
