/**
 * Shows an execution's operations while it runs. On a terminal it redraws one compact table in
 * place (and ticks, so running durations and countdowns move); elsewhere it prints one line per
 * change, which reads well in CI logs and pipes.
 */
import type { Operation } from "@durably/sdk/protocol";
import type { OutputStream } from "../cli-io.ts";
import type { Colors } from "../render/colors.ts";
import type { TimeFormatOptions } from "../render/format.ts";
import { describeOperationChange } from "../render/operation-change.ts";
import { renderOperationsView } from "../render/operations-view.ts";
import type { ExecutionHeader } from "../render/operations-view.ts";

/** A live view of one execution. */
export interface LiveView {
  /** Takes the execution's current state; operations are merged by id (new ones appended). */
  update(execution: ExecutionHeader, operations: readonly Operation[]): void;
  /** Draws the last state and stops ticking. Idempotent. */
  finish(): void;
}

/** Options of {@link createLiveView}. */
export interface LiveViewOptions extends TimeFormatOptions {
  stream: OutputStream;
  colors: Colors;
  /** "redraw" for terminals, "lines" for logs, "silent" for --json. */
  mode: "redraw" | "lines" | "silent";
  now(): number;
  /** Redraw at least this often while running (ms, default 250). */
  tickMs?: number;
}

/** Creates a live view writing to `options.stream`. */
export function createLiveView(options: LiveViewOptions): LiveView {
  const operations = new Map<string, Operation>();
  let header: ExecutionHeader | undefined;
  if (options.mode === "silent") {
    return { update: () => undefined, finish: () => undefined };
  }
  if (options.mode === "lines") {
    return {
      update(_execution, changed) {
        for (const operation of changed) {
          const line = describeOperationChange(operations.get(operation.Id), operation, {
            now: options.now(),
            colors: options.colors,
            timeZone: options.timeZone,
          });
          operations.set(operation.Id, operation);
          if (line !== undefined) options.stream.write(`${line}\n`);
        }
      },
      finish: () => undefined,
    };
  }

  let drawnLines = 0;
  let finished = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const draw = (): void => {
    pending = undefined;
    if (header === undefined) return;
    const rows = options.stream.rows || 40;
    const frame = renderOperationsView({
      execution: header,
      operations: [...operations.values()],
      now: options.now(),
      colors: options.colors,
      timeZone: options.timeZone,
      width: Math.max(40, (options.stream.columns || 100) - 1),
      // Keep the frame shorter than the screen: a cursor cannot move back into scrolled-off lines.
      maxRows: Math.max(3, rows - 4),
    });
    // Move to the first line of the previous frame and clear everything below it.
    const rewind = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[J` : "";
    options.stream.write(`${rewind}${frame}\n`);
    drawnLines = frame.split("\n").length;
  };
  const ticker = setInterval(draw, options.tickMs ?? 250);
  ticker.unref();
  options.stream.write("\x1b[?25l"); // hide the cursor while redrawing
  return {
    update(execution, changed) {
      if (finished) return;
      header = execution;
      for (const operation of changed) operations.set(operation.Id, operation);
      // Coalesce bursts of changes into one redraw.
      pending ??= setTimeout(draw, 30);
    },
    finish() {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      if (pending !== undefined) clearTimeout(pending);
      draw();
      options.stream.write("\x1b[?25h");
    },
  };
}
