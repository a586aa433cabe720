/**
 * Progress of a long copy on one line: redrawn in place on a terminal (at most ten times a
 * second), or printed at each tenth of the way when the output is a pipe or a file, so logs stay
 * short and still show that something is happening.
 */
import type { OutputStream } from "../cli-io.ts";
import { formatDuration } from "./format.ts";

/** A progress line. */
export interface ProgressLine {
  /** `done` of the total are done; `detail` is shown after the count. */
  update(done: number, detail?: string): void;
  /** Draws the final state and ends the line. */
  finish(detail?: string): void;
}

/** Options of {@link createProgressLine}. */
export interface ProgressLineOptions {
  stream: OutputStream;
  label: string;
  total: number;
  now: () => number;
}

/** Creates a progress line for `total` items. */
export function createProgressLine(options: ProgressLineOptions): ProgressLine {
  const { stream, label, total, now } = options;
  const isTty = stream.isTTY === true;
  const startedAt = now();
  let drawnAt = -Infinity;
  let printedTenths = 0;
  let done = 0;
  const text = (detail: string | undefined): string => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const elapsed = now() - startedAt;
    const rate = elapsed > 0 ? Math.round((done / elapsed) * 1000) : 0;
    const left =
      rate > 0 && done < total ? `, ~${formatDuration(((total - done) / rate) * 1000)} left` : "";
    return `${label}: ${done}/${total} (${percent}%)${detail === undefined ? "" : ` ${detail}`}, ${rate}/s${left}`;
  };
  return {
    update(count, detail) {
      done = count;
      if (isTty) {
        if (now() - drawnAt < 100) return;
        drawnAt = now();
        stream.write(`\r\x1b[K${text(detail)}`);
        return;
      }
      const tenths = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenths <= printedTenths || tenths >= 10) return;
      printedTenths = tenths;
      stream.write(`${text(detail)}\n`);
    },
    finish(detail) {
      stream.write(`${isTty ? "\r\x1b[K" : ""}${text(detail)}\n`);
    },
  };
}
