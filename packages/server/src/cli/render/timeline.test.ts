import { expect, it } from "vitest";
import { operation, T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors } from "./colors.ts";
import { renderTimeline } from "./timeline.ts";

const colors = createColors(false);

it("draws one bar per operation on the execution's time axis, waits as light bars", () => {
  const timeline = renderTimeline({
    operations: [
      operation({ Id: "e", Type: "EXECUTION", Status: "SUCCEEDED", start: 0, end: 4000 }),
      operation({ Id: "1", Name: "validate", start: 0, end: 500 }),
      operation({ Id: "2", Name: "pause", Type: "WAIT", start: 1000, end: 3000 }),
      operation({ Id: "3", Name: "confirm", start: 3000, end: 4000 }),
    ],
    startedAt: T0,
    endedAt: T0 + 4000,
    colors,
    barWidth: 10,
  });
  expect(timeline).toBe(
    [
      "Timeline",
      "             0s      4s",
      "             ├────────┤",
      "  ✓ validate ██         500ms",
      "  ✓ pause      ░░░░░░   2s",
      "  ✓ confirm         ███ 1s",
    ].join("\n"),
  );
});

it("nests operations under their context and extends unfinished ones to the end of the axis", () => {
  const timeline = renderTimeline({
    operations: [
      operation({ Id: "c", Name: "ship", Type: "CONTEXT", Status: "STARTED", start: 0 }),
      operation({ Id: "c1", ParentId: "c", Name: "label", start: 0, end: 1000 }),
    ],
    startedAt: T0,
    endedAt: T0 + 2000,
    colors,
    barWidth: 10,
  });
  expect(timeline.split("\n").slice(3)).toEqual([
    "  ▶ ship    ██████████ 2s",
    "    ✓ label █████      1s",
  ]);
});

it("gives every operation at least one column, even on a zero-length axis, and renders nothing without operations", () => {
  const timeline = renderTimeline({
    operations: [operation({ Id: "1", Name: "a", start: 0, end: 0 })],
    startedAt: T0,
    endedAt: T0,
    colors,
    barWidth: 10,
  });
  expect(timeline.split("\n")[3]).toBe("  ✓ a █          0ms");
  expect(renderTimeline({ operations: [], startedAt: T0, endedAt: T0, colors })).toBe("");
});

it("cuts long names to the label width", () => {
  const timeline = renderTimeline({
    operations: [operation({ Id: "1", Name: "x".repeat(50), start: 0, end: 1 })],
    startedAt: T0,
    endedAt: T0 + 1,
    colors,
    labelWidth: 12,
  });
  expect(timeline.split("\n")[3]).toMatch(/^ {2}✓ x{9}… █/);
});
