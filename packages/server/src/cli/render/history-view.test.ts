import { expect, it } from "vitest";
import { event, T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors } from "./colors.ts";
import { eventDetail, renderHistory } from "./history-view.ts";

const colors = createColors(false);

it("shows one row per event with time since the first event and the details that matter", () => {
  const table = renderHistory(
    [
      event({
        EventId: 1,
        EventType: "ExecutionStarted",
        ExecutionStartedDetails: { Input: { Payload: '{"a": 1}' } },
      }),
      event(
        { EventId: 2, EventType: "StepStarted", SubType: "Step", Name: "validate", Id: "1" },
        10,
      ),
      event(
        {
          EventId: 3,
          EventType: "StepSucceeded",
          SubType: "Step",
          Name: "validate",
          Id: "1",
          StepSucceededDetails: {
            Result: { Payload: "true" },
            RetryDetails: { CurrentAttempt: 1 },
          },
        },
        22,
      ),
      event(
        {
          EventId: 4,
          EventType: "WaitStarted",
          SubType: "Wait",
          Id: "2",
          WaitStartedDetails: { Duration: 3, ScheduledEndTimestamp: new Date(T0 + 3022) },
        },
        22,
      ),
      event(
        {
          EventId: 5,
          EventType: "InvocationCompleted",
          InvocationCompletedDetails: {
            StartTimestamp: new Date(T0),
            EndTimestamp: new Date(T0 + 30),
          },
        },
        30,
      ),
    ],
    { colors, timeZone: "UTC" },
  );
  expect(table).toBe(
    [
      "#   TIME  EVENT                SUB-TYPE  NAME      DETAILS",
      '1   +0ms  ExecutionStarted                         input {"a":1}',
      "2  +10ms  StepStarted          Step      validate",
      "3  +22ms  StepSucceeded        Step      validate  attempt 1, → true",
      "4  +22ms  WaitStarted          Wait                3s until 12:00:03",
      "5  +30ms  InvocationCompleted                      took 30ms",
    ].join("\n"),
  );
});

it("shows errors and retry delays of failed attempts", () => {
  const detail = eventDetail(
    event({
      EventId: 9,
      EventType: "StepFailed",
      StepFailedDetails: {
        Error: { Payload: { ErrorType: "Error", ErrorMessage: "boom" } },
        RetryDetails: { NextAttemptDelaySeconds: 2 },
      },
    }),
  );
  expect(detail).toBe("retry in 2s, Error: boom");
});

it("accepts timestamps serialised as text", () => {
  const table = renderHistory(
    [
      {
        ...event({ EventId: 1, EventType: "ExecutionStarted" }),
        EventTimestamp: new Date(T0).toISOString() as unknown as Date,
      },
      {
        ...event({ EventId: 2, EventType: "ExecutionSucceeded" }),
        EventTimestamp: new Date(T0 + 1500).toISOString() as unknown as Date,
      },
    ],
    { colors },
  );
  expect(table.split("\n")[2]).toContain("+1.5s");
});

it("says so when there are no events", () => {
  expect(renderHistory([], { colors })).toBe("No history events.");
});
