import { describe, expect, it } from "vitest";
import { axisFraction, axisTicks } from "./axis-ticks.ts";
import { scrollToRow, virtualWindow } from "./virtual-window.ts";

describe("virtualWindow", () => {
  it("renders only the rows in view plus the overscan", () => {
    expect(
      virtualWindow({
        scrollTop: 2800,
        viewportHeight: 560,
        rowHeight: 28,
        rowCount: 10_000,
        overscan: 5,
      }),
    ).toEqual({
      start: 95,
      end: 126,
      offsetTop: 95 * 28,
      totalHeight: 280_000,
    });
  });
  it("stays within the list at both ends", () => {
    expect(
      virtualWindow({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, rowCount: 3 }),
    ).toMatchObject({ start: 0, end: 3 });
    expect(
      virtualWindow({ scrollTop: 1e9, viewportHeight: 280, rowHeight: 28, rowCount: 10 }),
    ).toMatchObject({ start: 10, end: 10 });
    expect(
      virtualWindow({ scrollTop: 0, viewportHeight: 280, rowHeight: 28, rowCount: 0 }),
    ).toMatchObject({ start: 0, end: 0, totalHeight: 0 });
  });
});

describe("scrollToRow", () => {
  it("scrolls only when the row is out of view", () => {
    const view = { scrollTop: 280, viewportHeight: 280, rowHeight: 28 };
    expect(scrollToRow({ ...view, index: 12 })).toBeUndefined();
    expect(scrollToRow({ ...view, index: 5 })).toBe(140);
    expect(scrollToRow({ ...view, index: 25 })).toBe(26 * 28 - 280);
  });
});

describe("axisTicks", () => {
  it("picks a round step that fits the wanted number of ticks", () => {
    expect(axisTicks(10_000, 6)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(axisTicks(95_000, 5)).toEqual([0, 30_000, 60_000, 90_000]);
    expect(axisTicks(0, 5)).toEqual([0, 1]);
  });
  it("places instants on the axis as clamped fractions", () => {
    expect(axisFraction(15, 10, 20)).toBe(0.5);
    expect(axisFraction(5, 10, 20)).toBe(0);
    expect(axisFraction(50, 10, 20)).toBe(1);
    expect(axisFraction(50, 10, 10)).toBe(0);
  });
});
