import { expect, it } from "vitest";
import { operation, T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors } from "./colors.ts";
import { describeOperationChange } from "./operation-change.ts";

const options = { now: T0 + 1500, colors: createColors(false), timeZone: "UTC" };

it("announces a step that starts, then its success with duration and result", () => {
  const started = operation({
    Id: "1",
    Name: "charge",
    Status: "STARTED",
    start: 1000,
    StepDetails: { Attempt: 1 },
  });
  const done = operation({
    ...started,
    start: 1000,
    end: 1250,
    Status: "SUCCEEDED",
    StepDetails: { Attempt: 1, Result: '"pay-1"' },
  });
  expect(describeOperationChange(undefined, started, options)).toBe(
    "12:00:01 ▶ charge (step #1) started",
  );
  expect(describeOperationChange(started, done, options)).toBe(
    '12:00:01 ✓ charge (step #1) succeeded in 250ms → "pay-1"',
  );
});

it("announces what a waiting operation waits for, and failures with their error", () => {
  const wait = operation({
    Id: "w",
    Type: "WAIT",
    Status: "STARTED",
    start: 1500,
    WaitDetails: { ScheduledEndTimestamp: new Date(T0 + 4500) },
  });
  expect(describeOperationChange(undefined, wait, options)).toBe(
    "12:00:01 ◷ (wait w) (wait) wait 3s, resumes at 12:00:04 (in 3s)",
  );
  const failed = operation({
    Id: "2",
    Name: "ship",
    Status: "FAILED",
    start: 1000,
    end: 1500,
    StepDetails: { Attempt: 3, Error: { ErrorMessage: "no truck" } },
  });
  expect(describeOperationChange(undefined, failed, options)).toBe(
    "12:00:01 ✗ ship (step #3) failed: no truck (after 500ms)",
  );
});

it("says nothing when neither status nor attempt changed, or for the EXECUTION operation", () => {
  const step = operation({ Id: "1", Status: "STARTED", StepDetails: { Attempt: 1 } });
  expect(describeOperationChange(step, { ...step }, options)).toBeUndefined();
  expect(
    describeOperationChange(
      undefined,
      operation({ Id: "e", Type: "EXECUTION", Status: "STARTED" }),
      options,
    ),
  ).toBeUndefined();
  expect(describeOperationChange(step, { ...step, StepDetails: { Attempt: 2 } }, options)).toBe(
    "12:00:01 ▶ (step 1) (step #2) started",
  );
});
