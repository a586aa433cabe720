import { expect, it } from "vitest";
import { operation, T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors, visibleWidth } from "./colors.ts";
import { renderOperationsView } from "./operations-view.ts";

const colors = createColors(false);
const execution = {
  executionId: "exec-1",
  name: "ord-1",
  functionName: "processOrder",
  status: "RUNNING" as const,
  startedAt: T0,
};

it("shows each operation with symbol, kind, attempt, duration and what it waits for, nested under contexts", () => {
  const view = renderOperationsView({
    execution,
    operations: [
      operation({
        Id: "1",
        Name: "validate",
        start: 0,
        end: 12,
        StepDetails: { Attempt: 1, Result: "true" },
      }),
      operation({ Id: "c", Name: "ship", Type: "CONTEXT", Status: "STARTED", start: 20 }),
      operation({
        Id: "c1",
        ParentId: "c",
        Name: "label",
        Type: "STEP",
        Status: "STARTED",
        start: 30,
        StepDetails: { Attempt: 2 },
      }),
      operation({
        Id: "w",
        Name: "cool-down",
        Type: "WAIT",
        Status: "STARTED",
        start: 40,
        WaitDetails: { ScheduledEndTimestamp: new Date(T0 + 3040) },
      }),
    ],
    now: T0 + 1040,
    colors,
    timeZone: "UTC",
  });
  expect(view).toBe(
    [
      "▶ RUNNING  processOrder  ord-1  1.04s",
      "  OPERATION    KIND     TRY   TIME",
      "  ✓ validate   step     #1    12ms  → true",
      "  ▶ ship       context       1.02s  running",
      "    ▶ label    step     #2   1.01s  running",
      "  ◷ cool-down  wait             1s  wait 3s, resumes at 12:00:03 (in 2s)",
    ].join("\n"),
  );
});

it("says when there are no operations yet", () => {
  expect(renderOperationsView({ execution, operations: [], now: T0, colors })).toBe(
    "▶ RUNNING  processOrder  ord-1  0ms\n  (no operations yet)",
  );
});

it("folds the oldest rows into one line when there are more than fit, and cuts lines to the width", () => {
  const operations = Array.from({ length: 10 }, (_, index) =>
    operation({
      Id: String(index),
      Name: `step-${index}-${"x".repeat(60)}`,
      start: index,
      end: index + 1,
    }),
  );
  const view = renderOperationsView({
    execution,
    operations,
    now: T0 + 100,
    colors,
    maxRows: 4,
    width: 50,
  });
  const lines = view.split("\n");
  expect(lines[1]).toBe("  … 7 earlier operations (7 succeeded)");
  expect(lines).toHaveLength(2 + 1 + 3);
  expect(lines[5]).toContain("step-9");
  expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(50);
});
