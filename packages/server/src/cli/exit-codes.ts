/**
 * The CLI's exit codes, in one place (also printed by `durably --help`).
 * Scripts branch on these, so they never change meaning.
 */
import { DurablyError } from "@durably/store";

/** Exit codes of every `durably` command. */
export const ExitCode = {
  /** The command did what was asked (for `run`: the execution SUCCEEDED). */
  OK: 0,
  /** `run`: the execution ended FAILED, TIMED_OUT or STOPPED. */
  EXECUTION_FAILED: 1,
  /** The command was used wrongly: bad option or argument, invalid JSON, missing module or database, unknown function or execution. Nothing was changed. */
  USAGE: 2,
  /** Something broke that is not the caller's fault (store unavailable or corrupt, internal error). */
  INTERNAL: 3,
  /** Interrupted by SIGINT/SIGTERM; a running execution stays RUNNING and can be resumed. */
  INTERRUPTED: 130,
} as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The help text listing the exit codes. */
export const exitCodesHelp: string = [
  "Exit codes:",
  "  0    success (run: the execution succeeded)",
  "  1    run: the execution failed, timed out or was stopped",
  "  2    usage error: bad option or input, missing module or database, unknown function or execution",
  "  3    internal error: the store or the engine failed",
  "  130  interrupted (the execution stays RUNNING; run again to resume it)",
].join("\n");

/** Exit code for an error thrown by a command: caller mistakes are USAGE, everything else INTERNAL. */
export function exitCodeForError(error: unknown): ExitCode {
  if (!DurablyError.is(error)) return ExitCode.INTERNAL;
  switch (error.code) {
    case "INVALID_ARGUMENT":
    case "NOT_FOUND":
    case "ALREADY_EXISTS":
      return ExitCode.USAGE;
    default:
      return ExitCode.INTERNAL;
  }
}
