import { describe, expect, it } from "vitest";
import { createProgressLine } from "./progress-line.ts";

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes };
}

describe("progress line", () => {
  it("prints a line at each tenth of the way on a pipe, and the final count", () => {
    const { stream, writes } = output(false);
    let clock = 0;
    const line = createProgressLine({ stream, label: "Copying", total: 20, now: () => clock });
    for (let done = 1; done <= 20; done++) {
      clock += 100;
      line.update(done);
    }
    line.finish("done");
    expect(writes).toHaveLength(10);
    expect(writes[0]).toBe("Copying: 2/20 (10%), 10/s, ~1.8s left\n");
    expect(writes[9]).toBe("Copying: 20/20 (100%) done, 10/s\n");
  });

  it("redraws in place on a terminal, at most ten times a second", () => {
    const { stream, writes } = output(true);
    let clock = 0;
    const line = createProgressLine({ stream, label: "Copying", total: 4, now: () => clock });
    line.update(1, "(a)");
    line.update(2);
    clock = 150;
    line.update(3);
    line.finish();
    expect(writes).toEqual([
      "\r\x1b[KCopying: 1/4 (25%) (a), 0/s",
      "\r\x1b[KCopying: 3/4 (75%), 20/s, ~50ms left",
      "\r\x1b[KCopying: 3/4 (75%), 20/s, ~50ms left\n",
    ]);
  });
});
