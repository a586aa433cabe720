import { describe, expect, it } from "vitest";
import { EventLog, iso, operation } from "../internal/testing/fixtures.ts";
import { explainWaiting } from "./explain-waiting.ts";

const now = Date.UTC(2025, 10, 22, 12, 0, 0);
const base = { status: "RUNNING" as const, endedAt: undefined, now, utc: true };

describe("explainWaiting", () => {
  it("names a wait's timer and when it fires", () => {
    const operations = [
      operation({
        Id: "w",
        Type: "WAIT",
        SubType: "Wait",
        Name: "cool-off",
        Status: "STARTED",
        WaitDetails: { ScheduledEndTimestamp: iso(now + 243_000) },
      }),
    ];
    const { summary, reasons } = explainWaiting({ ...base, operations, events: [] });
    expect(summary).toBe(
      'Waiting for the timer of wait "cool-off" until 2025-11-22 12:04:03.000 (in 4m 03s).',
    );
    expect(reasons).toMatchObject([{ kind: "timer", operationId: "w", until: now + 243_000 }]);
  });

  it("names a waitForCallback's callback id, its timeout and heartbeat", () => {
    const operations = [
      operation({
        Id: "ctx",
        Type: "CONTEXT",
        SubType: "WaitForCallback",
        Name: "approval",
        Status: "STARTED",
      }),
      operation({
        Id: "cb",
        ParentId: "ctx",
        Type: "CALLBACK",
        SubType: "Callback",
        Status: "STARTED",
        StartTimestamp: iso(now - 60_000),
        CallbackDetails: { CallbackId: "Q2FsbGJhY2s=" },
      }),
    ];
    const events = new EventLog().add({
      EventType: "CallbackStarted",
      Id: "cb",
      EventTimestamp: iso(now - 60_000),
      CallbackStartedDetails: { CallbackId: "Q2FsbGJhY2s=", Timeout: 3600, HeartbeatTimeout: 300 },
    }).events;
    const { summary, reasons } = explainWaiting({ ...base, operations, events });
    expect(summary).toBe(
      'Waiting for waitForCallback "approval" to be completed with callback id Q2FsbGJhY2s=; it times out at 2025-11-22 12:59:00.000 (in 59m 00s) and needs a heartbeat every 5m 00s.',
    );
    expect(reasons[0]).toMatchObject({
      kind: "callback",
      callbackId: "Q2FsbGJhY2s=",
      until: now + 3_540_000,
    });
  });

  it("says when a callback has no timeout", () => {
    const operations = [
      operation({
        Id: "cb",
        Type: "CALLBACK",
        Name: "webhook",
        Status: "STARTED",
        CallbackDetails: { CallbackId: "abc=" },
      }),
    ];
    expect(explainWaiting({ ...base, operations, events: [] }).summary).toBe(
      'Waiting for callback "webhook" to be completed with callback id abc=; it has no timeout.',
    );
  });

  it("names a retry's next attempt and the error that caused it", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        Name: "charge",
        Status: "PENDING",
        StepDetails: {
          Attempt: 2,
          NextAttemptTimestamp: iso(now + 8000),
          Error: { ErrorType: "Error", ErrorMessage: "card declined" },
        },
      }),
    ];
    expect(explainWaiting({ ...base, operations, events: [] }).summary).toBe(
      'Waiting to retry step "charge": attempt 3 starts at 2025-11-22 12:00:08.000 (in 8s). Attempt 2 failed: Error: card declined.',
    );
  });

  it("says a READY step runs in the next invocation", () => {
    const operations = [
      operation({
        Id: "s",
        Type: "STEP",
        Name: "charge",
        Status: "READY",
        StepDetails: { Attempt: 1 },
      }),
    ];
    expect(explainWaiting({ ...base, operations, events: [] }).summary).toBe(
      'Step "charge" is ready for attempt 2; the engine runs it in the next invocation.',
    );
  });

  it("names the invoked function and its execution", () => {
    const operations = [
      operation({ Id: "i", Type: "CHAINED_INVOKE", Name: "pay", Status: "STARTED" }),
    ];
    const events = new EventLog().add({
      EventType: "ChainedInvokeStarted",
      Id: "i",
      EventTimestamp: iso(now),
      ChainedInvokeStartedDetails: {
        FunctionName: "payments",
        DurableExecutionArn: "arn:x/durable-execution/p/1",
      },
    }).events;
    expect(explainWaiting({ ...base, operations, events }).summary).toBe(
      'Waiting for the invoked execution of function "payments" (execution arn:x/durable-execution/p/1) of "pay" to finish.',
    );
  });

  it("counts many waits by kind, soonest first", () => {
    const operations = [
      operation({ Id: "cb1", Type: "CALLBACK", Status: "STARTED" }),
      operation({ Id: "cb2", Type: "CALLBACK", Status: "STARTED" }),
      operation({
        Id: "w",
        Type: "WAIT",
        Status: "STARTED",
        WaitDetails: { ScheduledEndTimestamp: iso(now + 1000) },
      }),
      operation({ Id: "done", Type: "WAIT", Status: "SUCCEEDED" }),
    ];
    const { summary, reasons } = explainWaiting({ ...base, operations, events: [] });
    expect(summary).toBe("Waiting on 1 timer and 2 callbacks.");
    expect(reasons.map((reason) => reason.operationId)).toEqual(["w", "cb1", "cb2"]);
  });

  it("says nothing blocks when no operation is open", () => {
    expect(explainWaiting({ ...base, operations: [], events: [] }).summary).toBe(
      "Nothing is blocking it: an invocation is running or about to start.",
    );
  });

  it("says a finished execution is not waiting", () => {
    const result = explainWaiting({
      ...base,
      status: "SUCCEEDED",
      endedAt: now,
      operations: [],
      events: [],
    });
    expect(result).toEqual({
      summary: "It is not waiting: the execution ended SUCCEEDED at 2025-11-22 12:00:00.000.",
      reasons: [],
    });
  });
});
