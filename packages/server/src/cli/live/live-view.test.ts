import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { operation, T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors } from "../render/colors.ts";
import { createLiveView } from "./live-view.ts";

const execution = {
  executionId: "e",
  name: "ord-1",
  functionName: "processOrder",
  status: "RUNNING" as const,
  startedAt: T0,
};
const colors = createColors(false);

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 80, rows: 20, write: (text: string) => chunks.push(text) };
}

describe("line mode (not a terminal)", () => {
  it("prints one line per change and nothing for repeats", () => {
    const out = stream(false);
    const view = createLiveView({
      stream: out,
      colors,
      mode: "lines",
      now: () => T0 + 1000,
      timeZone: "UTC",
    });
    const started = operation({
      Id: "1",
      Name: "charge",
      Status: "STARTED",
      start: 0,
      StepDetails: { Attempt: 1 },
    });
    view.update(execution, [started]);
    view.update(execution, [started]);
    view.update(execution, [{ ...started, Status: "SUCCEEDED", EndTimestamp: new Date(T0 + 40) }]);
    view.finish();
    expect(out.chunks).toEqual([
      "12:00:01 ▶ charge (step #1) started\n",
      "12:00:01 ✓ charge (step #1) succeeded in 40ms\n",
    ]);
  });
});

describe("silent mode (--json)", () => {
  it("prints nothing", () => {
    const out = stream(true);
    const view = createLiveView({ stream: out, colors, mode: "silent", now: () => T0 });
    view.update(execution, [operation({ Id: "1" })]);
    view.finish();
    expect(out.chunks).toEqual([]);
  });
});

describe("redraw mode (a terminal)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("coalesces changes into one frame, redraws it in place, and restores the cursor at the end", () => {
    const out = stream(true);
    let now = T0;
    const view = createLiveView({
      stream: out,
      colors,
      mode: "redraw",
      now: () => now,
      timeZone: "UTC",
      tickMs: 1000,
    });
    expect(out.chunks).toEqual(["\x1b[?25l"]);
    view.update(execution, [operation({ Id: "1", Name: "validate", start: 0, end: 5 })]);
    view.update(execution, [operation({ Id: "2", Name: "charge", Status: "STARTED", start: 5 })]);
    vi.advanceTimersByTime(30);
    expect(out.chunks).toHaveLength(2);
    const first = out.chunks[1] ?? "";
    expect(first.startsWith("\x1b[")).toBe(false);
    expect(first).toContain("✓ validate");
    expect(first).toContain("▶ charge");
    const lines = first.split("\n").length - 1;

    now = T0 + 1000;
    vi.advanceTimersByTime(1000); // the ticker redraws so the running duration moves
    const second = out.chunks[2] ?? "";
    expect(second.startsWith(`\x1b[${lines}F\x1b[J`)).toBe(true);
    expect(second).toContain("995ms");

    view.finish();
    expect(out.chunks.at(-1)).toBe("\x1b[?25h");
    const count = out.chunks.length;
    vi.advanceTimersByTime(5000);
    view.update(execution, []);
    expect(out.chunks).toHaveLength(count);
  });
});
