/**
 * History recorded for raw handlers that send what the SDK sends, compared with the shapes of the
 * conformance requirements (shared/conformance: step 1-1, 1-11, 1-12; wait 2-1; wait_for_condition
 * 6-1; callback 4-3, 4-4, 4-6; wait_for_callback 7-2).
 */
import type { DurableExecutionInvocationOutput } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import type { RawInvocation } from "../internal/testing/raw-invocation.ts";
import { rawHandler, step, testEngine, testEpoch } from "../internal/testing/raw-invocation.ts";

async function run(
  body: (inv: RawInvocation) => Promise<DurableExecutionInvocationOutput>,
  input?: unknown,
) {
  const { engine } = testEngine();
  engine.register("fn", rawHandler(body));
  const { execution } = await engine.startExecution({ functionName: "fn", input });
  const done = await engine.waitForExecution(execution.executionId);
  return { engine, done, events: await engine.getHistory(execution.executionId) };
}

describe("history", () => {
  it("records a step created and finished in one request as StepStarted + StepSucceeded (1-1)", async () => {
    const { events, done } = await run(async (inv) => {
      await inv.checkpoint([
        step("s1", "START"),
        step("s1", "SUCCEED", { Payload: '"Hello, World!"' }),
      ]);
      return { Status: "SUCCEEDED", Result: '"Hello, World!"' };
    }, "World");
    expect(done.status).toBe("SUCCEEDED");
    expect(events).toMatchObject([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        ExecutionStartedDetails: { Input: { Payload: '"World"' } },
      },
      { EventType: "StepStarted", EventId: 2, SubType: "Step", Id: "s1", StepStartedDetails: {} },
      {
        EventType: "StepSucceeded",
        EventId: 3,
        SubType: "Step",
        Id: "s1",
        StepSucceededDetails: {
          Result: { Payload: '"Hello, World!"' },
          RetryDetails: { CurrentAttempt: 1 },
        },
      },
      {
        EventType: "InvocationCompleted",
        EventId: 4,
        InvocationCompletedDetails: {
          StartTimestamp: new Date(testEpoch),
          EndTimestamp: new Date(testEpoch),
        },
      },
      {
        EventType: "ExecutionSucceeded",
        EventId: 5,
        ExecutionSucceededDetails: { Result: { Payload: '"Hello, World!"' } },
      },
    ]);
    expect(events[1]).not.toHaveProperty("Name");
    expect(events[3]).not.toHaveProperty("Id");
    expect(events[4]).not.toHaveProperty("SubType");
  });

  it("copies Name and ParentId onto operation events (1-2, 7-2)", async () => {
    const { events } = await run(async (inv) => {
      await inv.checkpoint([
        {
          Id: "ctx",
          Type: "CONTEXT",
          SubType: "WaitForCallback",
          Name: "approval",
          Action: "START",
        },
        { Id: "cb", ParentId: "ctx", Type: "CALLBACK", SubType: "Callback", Action: "START" },
        step("st", "START", { ParentId: "ctx", Name: "submit" }),
        step("st", "SUCCEED", { ParentId: "ctx", Name: "submit" }),
      ]);
      await inv.checkpoint([{ Id: "cb", Type: "CALLBACK", Action: "CANCEL" }]);
      await inv.checkpoint([
        {
          Id: "ctx",
          Type: "CONTEXT",
          SubType: "WaitForCallback",
          Name: "approval",
          Action: "SUCCEED",
          Payload: "1",
        },
      ]);
      return { Status: "SUCCEEDED" };
    });
    expect(events.slice(1, 5)).toMatchObject([
      { EventType: "ContextStarted", SubType: "WaitForCallback", Name: "approval", Id: "ctx" },
      {
        EventType: "CallbackStarted",
        SubType: "Callback",
        Id: "cb",
        ParentId: "ctx",
        CallbackStartedDetails: { CallbackId: expect.any(String) },
      },
      { EventType: "StepStarted", SubType: "Step", Id: "st", ParentId: "ctx", Name: "submit" },
      { EventType: "StepSucceeded", SubType: "Step", Id: "st", ParentId: "ctx", Name: "submit" },
    ]);
    expect(events[5]).toMatchObject({
      EventType: "ContextSucceeded",
      Name: "approval",
      ContextSucceededDetails: { Result: { Payload: "1" } },
    });
  });

  it("records each failed attempt of a retried step, with CurrentAttempt counting from 1 (1-11, 1-12)", async () => {
    const { events, done } = await run(async (inv) => {
      const attempt = (inv.get("s")?.StepDetails?.Attempt ?? 0) + 1;
      if (attempt < 4) {
        await inv.checkpoint([
          step("s", "START"),
          step("s", "RETRY", {
            Error: { ErrorMessage: `fail ${attempt}` },
            StepOptions: { NextAttemptDelaySeconds: 1 },
          }),
        ]);
        return { Status: "PENDING" };
      }
      await inv.checkpoint([
        step("s", "START"),
        step("s", "FAIL", { Error: { ErrorMessage: "fail 4" } }),
      ]);
      return { Status: "FAILED", Error: { ErrorType: "StepError", ErrorMessage: "fail 4" } };
    });
    expect(done).toMatchObject({
      status: "FAILED",
      error: { ErrorType: "StepError", ErrorMessage: "fail 4" },
    });
    const attempts = (n: number, delay?: number) => [
      { EventType: "StepStarted", Id: "s" },
      {
        EventType: "StepFailed",
        Id: "s",
        StepFailedDetails: {
          Error: { Payload: { ErrorMessage: `fail ${n}` } },
          RetryDetails:
            delay === undefined
              ? { CurrentAttempt: n }
              : { CurrentAttempt: n, NextAttemptDelaySeconds: delay },
        },
      },
      { EventType: "InvocationCompleted" },
    ];
    expect(events).toMatchObject([
      { EventType: "ExecutionStarted" },
      ...attempts(1, 1),
      ...attempts(2, 1),
      ...attempts(3, 1),
      ...attempts(4),
      {
        EventType: "ExecutionFailed",
        ExecutionFailedDetails: { Error: { Payload: { ErrorType: "StepError" } } },
      },
    ]);
    expect(events[11]?.StepFailedDetails?.RetryDetails).toEqual({ CurrentAttempt: 4 });
    // The last invocation returned FAILED: its InvocationCompleted carries the error.
    expect(events[12]?.InvocationCompletedDetails?.Error).toEqual({
      Payload: { ErrorType: "StepError", ErrorMessage: "fail 4" },
    });
    // Retry timers fired after each invocation ended, one second later each time.
    expect(events[4]?.EventTimestamp).toEqual(new Date(testEpoch + 1000));
    expect(events[10]?.EventTimestamp).toEqual(new Date(testEpoch + 3000));
  });

  it("records a wait's WaitSucceeded after the invocation that started it (2-1)", async () => {
    const { events } = await run(async (inv) => {
      if (inv.get("w") === undefined) {
        await inv.checkpoint([
          {
            Id: "w",
            Type: "WAIT",
            SubType: "Wait",
            Action: "START",
            WaitOptions: { WaitSeconds: 2 },
          },
        ]);
        return { Status: "PENDING" };
      }
      return { Status: "SUCCEEDED" };
    });
    expect(events).toMatchObject([
      { EventType: "ExecutionStarted", EventId: 1 },
      {
        EventType: "WaitStarted",
        EventId: 2,
        SubType: "Wait",
        Id: "w",
        WaitStartedDetails: { Duration: 2, ScheduledEndTimestamp: new Date(testEpoch + 2000) },
      },
      { EventType: "InvocationCompleted", EventId: 3 },
      {
        EventType: "WaitSucceeded",
        EventId: 4,
        SubType: "Wait",
        Id: "w",
        WaitSucceededDetails: { Duration: 2 },
        EventTimestamp: new Date(testEpoch + 2000),
      },
      { EventType: "InvocationCompleted", EventId: 5 },
      { EventType: "ExecutionSucceeded", EventId: 6 },
    ]);
  });

  it("records a RETRY without error as StepSucceeded carrying the state (6-1)", async () => {
    const { events } = await run(async (inv) => {
      const state = Number(inv.get("c")?.StepDetails?.Result ?? "0") + 1;
      if (state < 3) {
        await inv.checkpoint([
          step("c", "START", { SubType: "WaitForCondition" }),
          step("c", "RETRY", {
            SubType: "WaitForCondition",
            Payload: String(state),
            StepOptions: { NextAttemptDelaySeconds: 1 },
          }),
        ]);
        return { Status: "PENDING" };
      }
      await inv.checkpoint([
        step("c", "START", { SubType: "WaitForCondition" }),
        step("c", "SUCCEED", { SubType: "WaitForCondition", Payload: String(state) }),
      ]);
      return { Status: "SUCCEEDED", Result: String(state) };
    });
    expect(
      events.map((e) => [
        e.EventType,
        e.SubType ?? "",
        e.StepSucceededDetails?.Result?.Payload ?? "",
      ]),
    ).toEqual([
      ["ExecutionStarted", "", ""],
      ["StepStarted", "WaitForCondition", ""],
      ["StepSucceeded", "WaitForCondition", "1"],
      ["InvocationCompleted", "", ""],
      ["StepStarted", "WaitForCondition", ""],
      ["StepSucceeded", "WaitForCondition", "2"],
      ["InvocationCompleted", "", ""],
      ["StepStarted", "WaitForCondition", ""],
      ["StepSucceeded", "WaitForCondition", "3"],
      ["InvocationCompleted", "", ""],
      ["ExecutionSucceeded", "", ""],
    ]);
    expect(events[2]?.StepSucceededDetails?.RetryDetails).toEqual({
      CurrentAttempt: 1,
      NextAttemptDelaySeconds: 1,
    });
  });

  it.each([
    {
      option: "TimeoutSeconds",
      detail: "Timeout",
      type: "Callback.Timeout",
      message: "Callback timed out",
    },
    {
      option: "HeartbeatTimeoutSeconds",
      detail: "HeartbeatTimeout",
      type: "Callback.Heartbeat",
      message: "Callback timed out on heartbeat",
    },
  ])(
    "records a callback timing out by $option (4-3, 4-4)",
    async ({ option, detail, type, message }) => {
      const { events, done } = await run(async (inv) => {
        const cb = inv.get("cb");
        if (cb === undefined) {
          await inv.checkpoint([
            {
              Id: "cb",
              Type: "CALLBACK",
              SubType: "Callback",
              Name: "approval",
              Action: "START",
              CallbackOptions: { [option]: 5 },
            },
          ]);
          return { Status: "PENDING" };
        }
        return {
          Status: "FAILED",
          Error: {
            ErrorType: "CallbackTimeoutError",
            ErrorMessage: cb.CallbackDetails?.Error?.ErrorMessage,
          },
        };
      });
      expect(done.status).toBe("FAILED");
      expect(events).toMatchObject([
        { EventType: "ExecutionStarted" },
        {
          EventType: "CallbackStarted",
          Name: "approval",
          CallbackStartedDetails: { CallbackId: expect.any(String), [detail]: 5 },
        },
        { EventType: "InvocationCompleted" },
        {
          EventType: "CallbackTimedOut",
          Name: "approval",
          Id: "cb",
          CallbackTimedOutDetails: {
            Error: { Payload: { ErrorType: type, ErrorMessage: message } },
          },
          EventTimestamp: new Date(testEpoch + 5000),
        },
        { EventType: "InvocationCompleted" },
        {
          EventType: "ExecutionFailed",
          ExecutionFailedDetails: { Error: { Payload: { ErrorMessage: message } } },
        },
      ]);
    },
  );

  it("records InvocationCompleted with the Lambda request id of each invocation", async () => {
    const requestIds: string[] = [];
    const { events } = await run(async (inv) => {
      requestIds.push(inv.context.awsRequestId);
      if (inv.get("w") === undefined) {
        await inv.checkpoint([
          {
            Id: "w",
            Type: "WAIT",
            SubType: "Wait",
            Action: "START",
            WaitOptions: { WaitSeconds: 60 },
          },
        ]);
        return { Status: "PENDING" };
      }
      return { Status: "SUCCEEDED" };
    });
    const completed = events.filter((e) => e.EventType === "InvocationCompleted");
    expect(completed.map((e) => e.InvocationCompletedDetails?.RequestId)).toEqual(requestIds);
    expect(new Set(requestIds).size).toBe(2);
    expect(completed[1]?.InvocationCompletedDetails).toMatchObject({
      StartTimestamp: new Date(testEpoch + 60_000),
      EndTimestamp: new Date(testEpoch + 60_000),
    });
  });
});
