/**
 * The CLI's exit codes, in one place (also printed by `durably --help`).
 * Scripts branch on these, so they never change meaning.
 */
import { DurablyError } from "@durably/store";
import { CliError } from "./cli-error.ts";

/** Exit codes of every `durably` command. */
export const ExitCode = {
  /** The command did what was asked (for `run`: the execution SUCCEEDED). */
  OK: 0,
  /** `run`, `invoke --wait`: the execution ended FAILED, TIMED_OUT or STOPPED. */
  EXECUTION_FAILED: 1,
  /** The command was used wrongly: bad option or argument, invalid JSON, missing module or database, unknown function or execution. Nothing was changed. */
  USAGE: 2,
  /** Something broke that is not the caller's fault (store unavailable or corrupt, internal error). */
  INTERNAL: 3,
  /** The server could not be reached, or answered that it is unavailable (503). Nothing was changed by us. */
  UNREACHABLE: 4,
  /** The server refused the API token: missing or invalid (401), or without the scope needed (403). */
  UNAUTHORIZED: 5,
  /** The execution has already finished, so it cannot be stopped or receive callbacks. Nothing was changed. */
  EXECUTION_CLOSED: 6,
  /** Interrupted by SIGINT/SIGTERM; a running execution stays RUNNING and can be resumed. */
  INTERRUPTED: 130,
} as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The help text listing the exit codes. */
export const exitCodesHelp: string = [
  "Exit codes:",
  "  0    success (run: the execution succeeded)",
  "  1    run, invoke --wait: the execution failed, timed out or was stopped",
  "  2    usage error: bad option or input, missing module or database, unknown function or execution",
  "  3    internal error: the store or the engine failed",
  "  4    the server is unreachable or unavailable",
  "  5    the server refused the API token (401/403)",
  "  6    the execution has already finished (stop, callback)",
  "  130  interrupted (the execution stays RUNNING; run again to resume it)",
].join("\n");

/** Exit code for an error thrown by a command: caller mistakes are USAGE, refused tokens UNAUTHORIZED, everything else INTERNAL. */
export function exitCodeForError(error: unknown): ExitCode {
  if (!DurablyError.is(error)) return ExitCode.INTERNAL;
  // Only the CLI's HTTP client raises this reason; a store's own UNAVAILABLE stays INTERNAL.
  if (error instanceof CliError && error.reason === "SERVER_UNREACHABLE")
    return ExitCode.UNREACHABLE;
  switch (error.code) {
    case "INVALID_ARGUMENT":
    case "NOT_FOUND":
    case "ALREADY_EXISTS":
    case "VALIDATION_FAILED":
    case "PAYLOAD_TOO_LARGE":
    case "UNSUPPORTED_MEDIA_TYPE":
      return ExitCode.USAGE;
    case "UNAUTHORIZED":
    case "FORBIDDEN":
      return ExitCode.UNAUTHORIZED;
    case "EXECUTION_CLOSED":
      return ExitCode.EXECUTION_CLOSED;
    default:
      return ExitCode.INTERNAL;
  }
}
