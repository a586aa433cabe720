/**
 * An in-memory CliIo for running commands inside a test.
 */
import type { CliIo, OutputStream } from "../../cli-io.ts";

/** A stream that keeps what was written. */
export interface MemoryStream extends OutputStream {
  readonly text: string;
}

function memoryStream(isTTY: boolean): MemoryStream {
  let text = "";
  return {
    isTTY,
    columns: 100,
    rows: 30,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    get text() {
      return text;
    },
  };
}

/** A CliIo writing to memory (not a TTY, no colour unless `env` forces it). */
export function memoryIo(
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliIo & { stdout: MemoryStream; stderr: MemoryStream } {
  return {
    stdout: memoryStream(false),
    stderr: memoryStream(false),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}
