import { describe, expect, it } from "vitest";
import { EventLog, iso, operation } from "../internal/testing/fixtures.ts";
import { buildTimeline } from "./build-timeline.ts";
import { visibleRows } from "./visible-rows.ts";

// A map "charge-all" (id m) with two items; item 2's step fails twice and then succeeds.
function mapWithRetries() {
  const operations = [
    operation({ Id: "exec", Type: "EXECUTION", Status: "STARTED", StartTimestamp: iso(0) }),
    operation({
      Id: "m",
      Type: "CONTEXT",
      SubType: "Map",
      Name: "charge-all",
      StartTimestamp: iso(10),
      EndTimestamp: iso(9000),
    }),
    operation({
      Id: "i1",
      ParentId: "m",
      Type: "CONTEXT",
      SubType: "MapIteration",
      Name: "map-item-0",
      StartTimestamp: iso(20),
      EndTimestamp: iso(200),
    }),
    operation({
      Id: "s1",
      ParentId: "i1",
      Type: "STEP",
      SubType: "Step",
      Name: "charge",
      StartTimestamp: iso(30),
      EndTimestamp: iso(150),
      StepDetails: { Attempt: 1 },
    }),
    operation({
      Id: "i2",
      ParentId: "m",
      Type: "CONTEXT",
      SubType: "MapIteration",
      Name: "map-item-1",
      StartTimestamp: iso(25),
      EndTimestamp: iso(8000),
    }),
    operation({
      Id: "s2",
      ParentId: "i2",
      Type: "STEP",
      SubType: "Step",
      Name: "charge",
      StartTimestamp: iso(40),
      EndTimestamp: iso(7900),
      StepDetails: { Attempt: 3 },
    }),
  ];
  const log = new EventLog()
    .add({ EventType: "ExecutionStarted", EventTimestamp: iso(0) })
    .add({ EventType: "StepStarted", Id: "s2", EventTimestamp: iso(40) })
    .add({
      EventType: "StepFailed",
      Id: "s2",
      EventTimestamp: iso(100),
      StepFailedDetails: {
        Error: { Payload: { ErrorMessage: "card declined" } },
        RetryDetails: { NextAttemptDelaySeconds: 1 },
      },
    })
    .add({
      EventType: "InvocationCompleted",
      EventTimestamp: iso(300),
      InvocationCompletedDetails: {
        StartTimestamp: iso(0),
        EndTimestamp: iso(300),
        RequestId: "inv-1",
      },
    })
    .add({ EventType: "StepStarted", Id: "s2", EventTimestamp: iso(1200) })
    .add({
      EventType: "StepFailed",
      Id: "s2",
      EventTimestamp: iso(1300),
      StepFailedDetails: {
        Error: { Payload: { ErrorMessage: "timeout" } },
        RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
      },
    })
    .add({ EventType: "StepStarted", Id: "s2", EventTimestamp: iso(7000) })
    .add({
      EventType: "StepSucceeded",
      Id: "s2",
      EventTimestamp: iso(7900),
      StepSucceededDetails: { RetryDetails: { CurrentAttempt: 2 } },
    })
    .add({
      EventType: "InvocationCompleted",
      EventTimestamp: iso(9500),
      InvocationCompletedDetails: {
        StartTimestamp: iso(6900),
        EndTimestamp: iso(9500),
        RequestId: "inv-2",
      },
    });
  return { operations, events: log.events };
}

describe("buildTimeline", () => {
  it("nests map items under the map and steps under their item, leaving the EXECUTION out", () => {
    const { operations, events } = mapWithRetries();
    const model = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: undefined,
      now: 10_000,
    });
    expect(model.rows.map((row) => [row.id, row.depth, row.parentId])).toEqual([
      ["m", 0, undefined],
      ["i1", 1, "m"],
      ["s1", 2, "i1"],
      ["i2", 1, "m"],
      ["s2", 2, "i2"],
    ]);
    expect(model.rows[0]).toMatchObject({
      childCount: 2,
      descendantCount: 4,
      childPhases: { succeeded: 2 },
    });
  });

  it("shows each attempt of a retried step with its error and the delays between attempts", () => {
    const { operations, events } = mapWithRetries();
    const model = buildTimeline({ operations, events, startedAt: 0, endedAt: 10_000, now: 10_000 });
    const step = model.rows.find((row) => row.id === "s2");
    expect(
      step?.attempts.map((attempt) => [
        attempt.attempt,
        attempt.outcome,
        attempt.error?.ErrorMessage,
      ]),
    ).toEqual([
      [1, "failed", "card declined"],
      [2, "failed", "timeout"],
      [3, "succeeded", undefined],
    ]);
    expect(step?.attempts[1]).toMatchObject({
      startedAt: 1200,
      endedAt: 1300,
      nextAttemptDelaySeconds: 5,
    });
    expect(step?.segments.map((segment) => [segment.kind, segment.from, segment.to])).toEqual([
      ["run", 40, 100],
      ["retry-delay", 100, 1200],
      ["run", 1200, 1300],
      ["retry-delay", 1300, 7000],
      ["run", 7000, 7900],
    ]);
  });

  it("marks every invocation from its InvocationCompleted event", () => {
    const { operations, events } = mapWithRetries();
    const model = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: undefined,
      now: 9000,
    });
    expect(model.invocations).toEqual([
      { number: 1, from: 0, to: 300, requestId: "inv-1", error: undefined },
      { number: 2, from: 6900, to: 9500, requestId: "inv-2", error: undefined },
    ]);
    // The axis reaches the last invocation even when "now" lags behind it.
    expect(model.endAt).toBe(9500);
  });

  it("draws a step between attempts as an open retry delay up to now", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        Status: "PENDING",
        StartTimestamp: iso(0),
        StepDetails: { Attempt: 1, NextAttemptTimestamp: iso(5000) },
      }),
    ];
    const events = new EventLog()
      .add({ EventType: "StepStarted", Id: "s", EventTimestamp: iso(0) })
      .add({
        EventType: "StepFailed",
        Id: "s",
        EventTimestamp: iso(50),
        StepFailedDetails: { RetryDetails: { NextAttemptDelaySeconds: 5 } },
      }).events;
    const [row] = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: undefined,
      now: 2000,
    }).rows;
    expect(row).toMatchObject({ phase: "waiting", isOpen: true, to: 2000 });
    expect(row?.segments.at(-1)).toEqual({
      kind: "retry-delay",
      from: 50,
      to: 2000,
      phase: "waiting",
      isOpen: true,
    });
  });

  it("shows a running attempt after retries as open and numbered", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        Status: "STARTED",
        StartTimestamp: iso(0),
        StepDetails: { Attempt: 1 },
      }),
    ];
    const events = new EventLog()
      .add({ EventType: "StepStarted", Id: "s", EventTimestamp: iso(0) })
      .add({
        EventType: "StepFailed",
        Id: "s",
        EventTimestamp: iso(10),
        StepFailedDetails: { RetryDetails: { NextAttemptDelaySeconds: 1 } },
      })
      .add({ EventType: "StepStarted", Id: "s", EventTimestamp: iso(1100) }).events;
    const [row] = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: undefined,
      now: 1500,
    }).rows;
    expect(row?.attempts.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, "failed"],
      [2, "running"],
    ]);
    expect(row?.segments.at(-1)).toMatchObject({ kind: "run", from: 1100, to: 1500, isOpen: true });
  });

  it("falls back to the operation record when the step has no events", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        Status: "FAILED",
        StartTimestamp: iso(5),
        EndTimestamp: iso(25),
        StepDetails: { Attempt: 6, Error: { ErrorMessage: "boom" } },
      }),
    ];
    const [row] = buildTimeline({
      operations,
      events: [],
      startedAt: 0,
      endedAt: 30,
      now: 30,
    }).rows;
    expect(row?.attempts).toEqual([
      {
        attempt: 6,
        startedAt: 5,
        endedAt: 25,
        outcome: "failed",
        error: { ErrorMessage: "boom" },
        nextAttemptDelaySeconds: undefined,
      },
    ]);
  });

  it("draws waits and callbacks as waiting time with their deadline", () => {
    const operations = [
      operation({
        Id: "w",
        Type: "WAIT",
        Status: "STARTED",
        StartTimestamp: iso(0),
        WaitDetails: { ScheduledEndTimestamp: iso(60_000) },
      }),
      operation({
        Id: "c",
        Type: "CALLBACK",
        Status: "SUCCEEDED",
        StartTimestamp: iso(100),
        EndTimestamp: iso(4000),
      }),
    ];
    const events = new EventLog().add({
      EventType: "CallbackStarted",
      Id: "c",
      EventTimestamp: iso(100),
      CallbackStartedDetails: { CallbackId: "cb", Timeout: 30 },
    }).events;
    const [wait, callback] = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: undefined,
      now: 5000,
    }).rows;
    expect(wait).toMatchObject({
      phase: "waiting",
      to: 5000,
      deadlineAt: 60_000,
      segments: [{ kind: "wait", isOpen: true }],
    });
    expect(callback).toMatchObject({
      phase: "succeeded",
      from: 100,
      to: 4000,
      deadlineAt: 30_100,
      segments: [{ kind: "wait" }],
    });
  });

  it("accepts ISO timestamps and events out of order", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        StartTimestamp: "2025-01-01T00:00:01.000Z",
        EndTimestamp: "2025-01-01T00:00:02.000Z",
      }),
    ];
    const events = [
      {
        EventId: 2,
        EventType: "StepSucceeded",
        Id: "s",
        EventTimestamp: "2025-01-01T00:00:02.000Z",
      },
      { EventId: 1, EventType: "StepStarted", Id: "s", EventTimestamp: "2025-01-01T00:00:01.000Z" },
    ] as const;
    const model = buildTimeline({
      operations,
      events: [...events],
      startedAt: Date.parse("2025-01-01T00:00:00Z"),
      endedAt: undefined,
      now: 0,
    });
    expect(model.eventsByOperation.get("s")?.map((event) => event.EventId)).toEqual([1, 2]);
    expect(model.rows[0]?.segments).toHaveLength(1);
  });
});

describe("visibleRows", () => {
  it("hides the descendants of collapsed groups only", () => {
    const { operations, events } = mapWithRetries();
    const { rows } = buildTimeline({
      operations,
      events,
      startedAt: 0,
      endedAt: 10_000,
      now: 10_000,
    });
    expect(visibleRows(rows, new Set(["i1"])).map((row) => row.id)).toEqual([
      "m",
      "i1",
      "i2",
      "s2",
    ]);
    expect(visibleRows(rows, new Set(["m"])).map((row) => row.id)).toEqual(["m"]);
    // Collapsing a leaf changes nothing.
    expect(visibleRows(rows, new Set(["s1"]))).toHaveLength(5);
  });
});
