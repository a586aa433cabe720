import { describe, expect, it } from "vitest";
import { operation, T0 } from "../internal/testing/operation-fixtures.ts";
import {
  operationAttempt,
  operationDetail,
  operationDurationMs,
  operationKind,
  operationLabel,
} from "./operation-details.ts";

const at = { now: T0 + 1000, timeZone: "UTC" };

describe("labels and kinds", () => {
  it("uses the name, else the kind and a short id", () => {
    expect(operationLabel(operation({ Id: "abc", Name: "charge" }))).toBe("charge");
    expect(operationLabel(operation({ Id: "0123456789abcdef", Type: "WAIT" }))).toBe(
      "(wait 01234567)",
    );
  });
  it("names the kind by sub-type when the SDK set one", () => {
    expect(operationKind({ Type: "CONTEXT", SubType: "MapIteration" })).toBe("map item");
    expect(operationKind({ Type: "STEP", SubType: "WaitForCondition" })).toBe("condition");
    expect(operationKind({ Type: "CONTEXT", SubType: "Custom" })).toBe("custom");
    expect(operationKind({ Type: "CHAINED_INVOKE" })).toBe("invoke");
  });
  it("shows the attempt of steps only", () => {
    expect(operationAttempt(operation({ Id: "s", StepDetails: { Attempt: 3 } }))).toBe("#3");
    expect(operationAttempt(operation({ Id: "s" }))).toBe("#1");
    expect(operationAttempt(operation({ Id: "w", Type: "WAIT" }))).toBe("");
  });
  it("measures running operations up to now and finished ones up to their end", () => {
    expect(operationDurationMs(operation({ Id: "s", start: 100, end: 250 }), T0 + 5000)).toBe(150);
    expect(
      operationDurationMs(operation({ Id: "s", Status: "STARTED", start: 100 }), T0 + 400),
    ).toBe(300);
    expect(operationDurationMs(operation({ Id: "s", Status: "READY" }), T0)).toBeUndefined();
  });
});

describe("what an operation waits for", () => {
  it("says how long a wait lasts and when it resumes", () => {
    const wait = operation({
      Id: "w",
      Type: "WAIT",
      Status: "STARTED",
      start: 0,
      WaitDetails: { ScheduledEndTimestamp: new Date(T0 + 3000) },
    });
    expect(operationDetail(wait, at)).toBe("wait 3s, resumes at 12:00:03 (in 2s)");
  });
  it("says when a failed step retries", () => {
    const step = operation({
      Id: "s",
      Status: "PENDING",
      StepDetails: { Attempt: 2, NextAttemptTimestamp: new Date(T0 + 61_000) },
    });
    expect(operationDetail(step, at)).toBe("retry #3 at 12:01:01 (in 1m 00s)");
  });
  it("names the callback a callback operation waits for", () => {
    const callback = operation({
      Id: "c",
      Type: "CALLBACK",
      Status: "STARTED",
      CallbackDetails: { CallbackId: "cb-1" },
    });
    expect(operationDetail(callback, at)).toBe("waiting for callback cb-1");
  });
  it("previews results and errors", () => {
    expect(operationDetail(operation({ Id: "s", StepDetails: { Result: '{"id": 7}' } }), at)).toBe(
      '→ {"id":7}',
    );
    const failed = operation({
      Id: "s",
      Status: "FAILED",
      StepDetails: { Error: { ErrorType: "TypeError", ErrorMessage: "bad\nthing" } },
    });
    expect(operationDetail(failed, at)).toBe("failed: TypeError: bad thing");
    expect(operationDetail(operation({ Id: "s", Status: "TIMED_OUT", Type: "CALLBACK" }), at)).toBe(
      "timed out",
    );
  });
});
