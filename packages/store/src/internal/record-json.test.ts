import type { Event, Operation } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import { decodeEvent, decodeOperation, encodeEvent, encodeOperation } from "./record-json.ts";

describe("record JSON", () => {
  it("writes the Dates of an operation as epoch ms and revives them as Dates", () => {
    const operation: Operation = {
      Id: "s",
      Type: "STEP",
      Status: "PENDING",
      StartTimestamp: new Date(1000),
      StepDetails: {
        Attempt: 1,
        NextAttemptTimestamp: new Date(2000),
        Result: "2024-01-01T00:00:00.000Z",
      },
    };
    const text = encodeOperation(operation);
    expect(JSON.parse(text)).toMatchObject({
      StartTimestamp: 1000,
      StepDetails: { NextAttemptTimestamp: 2000 },
    });
    expect(decodeOperation(text)).toStrictEqual(operation);
  });

  it("leaves strings that look like dates, and numbers outside date fields, alone", () => {
    const event: Event = {
      EventType: "WaitStarted",
      EventId: 2,
      EventTimestamp: new Date(5),
      Name: "2025-01-01T00:00:00Z",
      WaitStartedDetails: { Duration: 60, ScheduledEndTimestamp: new Date(60_005) },
    };
    const decoded = decodeEvent(encodeEvent(event));
    expect(decoded).toStrictEqual(event);
    expect(decoded.Name).toBe("2025-01-01T00:00:00Z");
    expect(decoded.WaitStartedDetails?.Duration).toBe(60);
  });

  it("does not modify the record it encodes", () => {
    const event: Event = {
      EventType: "InvocationCompleted",
      EventId: 3,
      EventTimestamp: new Date(9),
      InvocationCompletedDetails: {
        StartTimestamp: new Date(1),
        EndTimestamp: new Date(9),
        RequestId: "r",
      },
    };
    encodeEvent(event);
    expect(event.InvocationCompletedDetails?.StartTimestamp).toBeInstanceOf(Date);
    expect(event.EventTimestamp).toBeInstanceOf(Date);
  });
});
