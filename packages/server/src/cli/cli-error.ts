/**
 * Errors the CLI raises about how it was called. They share Durably's root error class, so one
 * handler maps every error to an exit code and a message.
 */
import { DurablyError } from "@durably/store";
import type { DurablyErrorCode } from "@durably/store";

/** Why the CLI refused a command; stable, for scripts and tests. */
export type CliErrorReason =
  | "INVALID_OPTION"
  | "INVALID_INPUT"
  | "MODULE_NOT_FOUND"
  | "MODULE_LOAD_FAILED"
  | "NO_HANDLER"
  | "UNKNOWN_FUNCTION"
  | "DATABASE_NOT_FOUND"
  | "UNKNOWN_EXECUTION"
  | "AMBIGUOUS_EXECUTION"
  | "SERVER_UNREACHABLE"
  | "UNAUTHORIZED";

const notFoundReasons: ReadonlySet<CliErrorReason> = new Set([
  "MODULE_NOT_FOUND",
  "DATABASE_NOT_FOUND",
  "UNKNOWN_EXECUTION",
]);

function codeOf(reason: CliErrorReason): DurablyErrorCode {
  if (reason === "SERVER_UNREACHABLE") return "UNAVAILABLE";
  if (reason === "UNAUTHORIZED") return "UNAUTHORIZED";
  return notFoundReasons.has(reason) ? "NOT_FOUND" : "INVALID_ARGUMENT";
}

/** A mistake in a CLI invocation. `code` is NOT_FOUND or INVALID_ARGUMENT (UNAVAILABLE, UNAUTHORIZED for a server that cannot be reached or refuses the token); `reason` says which mistake. */
export class CliError extends DurablyError {
  override name: string = "CliError";
  readonly reason: CliErrorReason;
  /** What the user can do about it, printed under the message. */
  readonly hint: string | undefined;
  constructor(
    reason: CliErrorReason,
    message: string,
    options?: { hint?: string; cause?: unknown },
  ) {
    super(codeOf(reason), message, {
      cause: options?.cause,
    });
    this.reason = reason;
    this.hint = options?.hint;
  }
}
