import { describe, expect, test } from "vitest";
import { ExecutionState, isCompletedStatus, isTerminalStatus } from "./execution-state.ts";
import { normaliseOperation } from "./normalise-operation.ts";

describe("ExecutionState", () => {
  test("merges changed records and tells only their listeners, until unsubscribed", () => {
    const state = new ExecutionState([{ Id: "a", Type: "STEP", Status: "STARTED" }]);
    const seen: string[] = [];
    const stop = state.watch("a", (operation) => seen.push(`a:${operation.Status}`));
    state.watch("b", (operation) => seen.push(`b:${operation.Status}`));
    state.merge([{ Id: "a", Type: "STEP", Status: "SUCCEEDED" }]);
    stop();
    state.merge([
      { Id: "a", Type: "STEP", Status: "FAILED" },
      { Id: "c", Type: "WAIT", Status: "STARTED" },
    ]);
    state.merge(undefined);
    expect(seen).toEqual(["a:SUCCEEDED"]);
    expect(state.get("a")?.Status).toBe("FAILED");
    expect(state.size).toBe(2);
  });

  test("normalises ISO and epoch timestamps to Dates", () => {
    const operation = normaliseOperation({
      Id: "x",
      Type: "STEP",
      Status: "PENDING",
      StartTimestamp: "2024-05-01T10:00:00.000Z",
      EndTimestamp: 0,
      StepDetails: { Attempt: 2, NextAttemptTimestamp: "2024-05-01T10:00:05.000Z" },
      WaitDetails: { ScheduledEndTimestamp: 1_000 },
    });
    expect(operation.StartTimestamp).toEqual(new Date("2024-05-01T10:00:00.000Z"));
    expect(operation.EndTimestamp).toEqual(new Date(0));
    expect(operation.StepDetails).toEqual({
      Attempt: 2,
      NextAttemptTimestamp: new Date("2024-05-01T10:00:05.000Z"),
    });
    expect(operation.WaitDetails?.ScheduledEndTimestamp).toEqual(new Date(1_000));
  });

  test("status helpers", () => {
    expect(["SUCCEEDED", "FAILED", "STARTED"].map((s) => isCompletedStatus(s as never))).toEqual([
      true,
      true,
      false,
    ]);
    expect(
      ["TIMED_OUT", "STOPPED", "CANCELLED", "READY"].map((s) => isTerminalStatus(s as never)),
    ).toEqual([true, true, true, false]);
  });
});
