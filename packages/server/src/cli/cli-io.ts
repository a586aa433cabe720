/**
 * What a command may touch of the outside world, passed in so tests can run commands in-process.
 */
import type { Colors } from "./render/colors.ts";
import { createColors, shouldUseColor } from "./render/colors.ts";

/** An output stream (process.stdout or a test double). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/** The streams, environment and directory a command runs with. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The real process's io. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Colours for a stream of this io (off for pipes and under NO_COLOR). */
export function colorsFor(io: CliIo, stream: OutputStream): Colors {
  return createColors(shouldUseColor(io.env, stream.isTTY === true));
}

/** What commands share: the io, and where an action records its exit code. */
export interface CliContext {
  io: CliIo;
  setExitCode(code: number): void;
}
