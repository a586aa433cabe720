import type { Event } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import { withoutExecutionData } from "./execution-data-filter.ts";

describe("withoutExecutionData", () => {
  it("drops payloads of inputs, results and errors but keeps the rest", () => {
    const at = new Date(0);
    const events: Event[] = [
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        EventTimestamp: at,
        ExecutionStartedDetails: {
          Input: { Payload: '{"card":"4111"}', Truncated: false },
          ExecutionTimeout: 60,
        },
      },
      {
        EventType: "StepFailed",
        EventId: 2,
        EventTimestamp: at,
        Id: "c4ca4238a0b92382",
        Name: "charge",
        StepFailedDetails: {
          Error: { Payload: { ErrorMessage: "declined" } },
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
        },
      },
      { EventType: "StepStarted", EventId: 3, EventTimestamp: at, StepStartedDetails: {} },
    ];
    expect(events.map(withoutExecutionData)).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        EventTimestamp: at,
        ExecutionStartedDetails: { Input: { Truncated: false }, ExecutionTimeout: 60 },
      },
      {
        EventType: "StepFailed",
        EventId: 2,
        EventTimestamp: at,
        Id: "c4ca4238a0b92382",
        Name: "charge",
        StepFailedDetails: {
          Error: {},
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 2 },
        },
      },
      { EventType: "StepStarted", EventId: 3, EventTimestamp: at, StepStartedDetails: {} },
    ]);
    // The originals are left alone.
    expect(events[0]?.ExecutionStartedDetails?.Input?.Payload).toBe('{"card":"4111"}');
  });
});
