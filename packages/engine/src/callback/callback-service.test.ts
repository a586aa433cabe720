import type { DurableExecutionInvocationOutput } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import type { RawInvocation } from "../internal/testing/raw-invocation.ts";
import {
  rawHandler,
  signature,
  testEngine,
  testEpoch,
} from "../internal/testing/raw-invocation.ts";

/**
 * Creates callback "cb" with `options` and finishes with its outcome once it is no longer STARTED;
 * with `keepRunning`, also starts a day-long wait and stays suspended on it.
 */
function callbackHandler(
  options: {
    TimeoutSeconds?: number;
    HeartbeatTimeoutSeconds?: number;
    keepRunning?: boolean;
  } = {},
) {
  const { keepRunning, ...callbackOptions } = options;
  return rawHandler(async (inv: RawInvocation): Promise<DurableExecutionInvocationOutput> => {
    if (inv.get("cb") === undefined) {
      await inv.checkpoint([
        {
          Id: "cb",
          Type: "CALLBACK",
          SubType: "Callback",
          Name: "approve",
          Action: "START",
          CallbackOptions: callbackOptions,
        },
      ]);
      if (keepRunning === true)
        await inv.checkpoint([
          {
            Id: "hold",
            Type: "WAIT",
            SubType: "Wait",
            Action: "START",
            WaitOptions: { WaitSeconds: 86_400 },
          },
        ]);
    }
    const cb = inv.get("cb");
    if (cb?.Status === "STARTED" || keepRunning === true) return { Status: "PENDING" };
    if (cb?.Status === "SUCCEEDED")
      return cb.CallbackDetails?.Result === undefined
        ? { Status: "SUCCEEDED" }
        : { Status: "SUCCEEDED", Result: cb.CallbackDetails.Result };
    return { Status: "FAILED", Error: cb?.CallbackDetails?.Error ?? {} };
  });
}

async function started(
  options: Parameters<typeof callbackHandler>[0] = {},
  engineOptions: Parameters<typeof testEngine>[0] = {},
) {
  const fixture = testEngine({
    autoAdvanceTime: (next) =>
      next.kind !== "callback-timeout" && next.kind !== "callback-heartbeat",
    ...engineOptions,
  });
  fixture.engine.register("fn", callbackHandler(options));
  const { execution } = await fixture.engine.startExecution({ functionName: "fn" });
  await fixture.engine.whenIdle();
  const callbackId =
    (await fixture.engine.getOperations(execution.executionId))[1]?.CallbackDetails?.CallbackId ??
    "";
  const snapshot = async () =>
    JSON.stringify([
      await fixture.store.getExecution(execution.executionId),
      await fixture.store.listOperations(execution.executionId),
      await fixture.store.listEvents(execution.executionId),
      await fixture.store.listTimers(execution.executionId),
    ]);
  return { ...fixture, executionId: execution.executionId, callbackId, snapshot };
}

describe("callbacks", () => {
  it("completes a callback with a result and re-invokes the execution", async () => {
    const { engine, executionId, callbackId, store } = await started({
      TimeoutSeconds: 300,
      HeartbeatTimeoutSeconds: 60,
    });
    await engine.sendCallbackSuccess(callbackId, '{"approved":true}');
    const done = await engine.waitForExecution(executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '{"approved":true}' });
    const history = await engine.getHistory(executionId);
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "CallbackStarted Callback approve",
      "InvocationCompleted",
      "CallbackSucceeded Callback approve",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(history[3]).toMatchObject({
      Id: "cb",
      CallbackSucceededDetails: { Result: { Payload: '{"approved":true}' } },
    });
    expect(await store.listTimers(executionId)).toEqual([]);
  });

  it("stores no result for an empty success body", async () => {
    const { engine, executionId, callbackId } = await started();
    await engine.sendCallbackSuccess(callbackId, "");
    await engine.waitForExecution(executionId);
    const cb = (await engine.getOperations(executionId))[1];
    expect(cb).toMatchObject({ Status: "SUCCEEDED", CallbackDetails: { CallbackId: callbackId } });
    expect(cb?.CallbackDetails).not.toHaveProperty("Result");
  });

  it("fails a callback with the given error, or an empty one", async () => {
    const first = await started();
    await first.engine.sendCallbackFailure(first.callbackId, {
      ErrorType: "RejectedError",
      ErrorMessage: "not approved",
    });
    expect(await first.engine.waitForExecution(first.executionId)).toMatchObject({
      status: "FAILED",
      error: { ErrorType: "RejectedError" },
    });
    expect((await first.engine.getHistory(first.executionId))[3]).toMatchObject({
      EventType: "CallbackFailed",
      CallbackFailedDetails: {
        Error: { Payload: { ErrorType: "RejectedError", ErrorMessage: "not approved" } },
      },
    });
    const second = await started();
    await second.engine.sendCallbackFailure(second.callbackId);
    expect((await second.engine.getOperations(second.executionId))[1]).toMatchObject({
      Status: "FAILED",
      CallbackDetails: { Error: {} },
    });
  });

  it("rejects an unknown callback id with NOT_FOUND", async () => {
    const { engine } = await started();
    for (const call of [
      () => engine.sendCallbackSuccess("bm9wZQ=="),
      () => engine.sendCallbackFailure("bm9wZQ=="),
      () => engine.sendCallbackHeartbeat("bm9wZQ=="),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: "NOT_FOUND",
        resource: "callback",
        id: "bm9wZQ==",
      });
    }
  });

  it("refuses to complete a callback twice and changes nothing", async () => {
    const { engine, callbackId, snapshot } = await started(
      { keepRunning: true },
      { autoAdvanceTime: false },
    );
    await engine.sendCallbackSuccess(callbackId, '"first"');
    await engine.whenIdle();
    const before = await snapshot();
    const calls = [
      () => engine.sendCallbackSuccess(callbackId, '"second"'),
      () => engine.sendCallbackFailure(callbackId),
      () => engine.sendCallbackHeartbeat(callbackId),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toMatchObject({
        name: "CallbackClosedError",
        code: "INVALID_ARGUMENT",
        status: "SUCCEEDED",
      });
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses to complete a callback that timed out", async () => {
    const { engine, callbackId, clock, executionId } = await started(
      { TimeoutSeconds: 30 },
      { autoAdvanceTime: false },
    );
    clock.advanceBy(30_000);
    await engine.whenIdle();
    expect((await engine.getExecution(executionId)).status).toBe("FAILED");
    await expect(engine.sendCallbackSuccess(callbackId)).rejects.toMatchObject({
      code: "EXECUTION_CLOSED",
    });
  });

  it("refuses a callback of a running execution that timed out", async () => {
    const fixture = testEngine({ autoAdvanceTime: false });
    fixture.engine.register(
      "fn",
      rawHandler(async (inv) => {
        if (inv.get("cb") === undefined) {
          await inv.checkpoint([
            {
              Id: "cb",
              Type: "CALLBACK",
              SubType: "Callback",
              Action: "START",
              CallbackOptions: { TimeoutSeconds: 1 },
            },
            {
              Id: "w",
              Type: "WAIT",
              SubType: "Wait",
              Action: "START",
              WaitOptions: { WaitSeconds: 100 },
            },
          ]);
        }
        return { Status: "PENDING" };
      }),
    );
    const { execution } = await fixture.engine.startExecution({ functionName: "fn" });
    await fixture.engine.whenIdle();
    fixture.clock.advanceBy(1000);
    await fixture.engine.whenIdle();
    const cb = (await fixture.engine.getOperations(execution.executionId))[1];
    expect(cb).toMatchObject({
      Status: "TIMED_OUT",
      CallbackDetails: {
        Error: { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" },
      },
    });
    await expect(
      fixture.engine.sendCallbackSuccess(cb?.CallbackDetails?.CallbackId ?? ""),
    ).rejects.toMatchObject({ code: "INVALID_ARGUMENT", status: "TIMED_OUT" });
  });

  it("restarts the heartbeat window on each heartbeat", async () => {
    const { engine, callbackId, clock, executionId } = await started(
      { HeartbeatTimeoutSeconds: 10 },
      { autoAdvanceTime: false },
    );
    clock.advanceBy(8000);
    await engine.sendCallbackHeartbeat(callbackId);
    clock.advanceBy(9000);
    await engine.whenIdle();
    expect((await engine.getOperations(executionId))[1]?.Status).toBe("STARTED");
    clock.advanceBy(1000);
    await engine.whenIdle();
    expect((await engine.getOperations(executionId))[1]).toMatchObject({
      Status: "TIMED_OUT",
      EndTimestamp: new Date(testEpoch + 18_000),
      CallbackDetails: {
        Error: { ErrorType: "Callback.Heartbeat", ErrorMessage: "Callback timed out on heartbeat" },
      },
    });
  });

  it("rejects a heartbeat for a callback without a heartbeat timeout", async () => {
    const { engine, callbackId, snapshot } = await started({ TimeoutSeconds: 60 });
    const before = await snapshot();
    await expect(engine.sendCallbackHeartbeat(callbackId)).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
      message: expect.stringContaining("Could not find callback that requires heartbeat"),
    });
    expect(await snapshot()).toBe(before);
  });

  it("rejects a result over 256 KiB", async () => {
    const { engine, callbackId } = await started();
    await expect(engine.sendCallbackSuccess(callbackId, "x".repeat(262_145))).rejects.toMatchObject(
      { code: "INVALID_ARGUMENT" },
    );
    await expect(
      engine.sendCallbackSuccess(callbackId, "x".repeat(262_144)),
    ).resolves.toBeUndefined();
  });
});
