import type { OperationUpdate } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import { createEngine } from "../api/create-engine.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { openCheckpointFixture } from "../internal/testing/checkpoint-fixture.ts";
import { InstrumentedStore } from "../internal/testing/instrumented-store.ts";
import {
  controlledHandler,
  rawHandler,
  signature,
  step,
  testEngine,
  testEpoch,
} from "../internal/testing/raw-invocation.ts";
import { DurableExecutionInvocationInputWithClient } from "@durably/sdk/protocol";

const waitUpdate = (id: string, seconds: number): OperationUpdate => ({
  Id: id,
  Type: "WAIT",
  SubType: "Wait",
  Action: "START",
  WaitOptions: { WaitSeconds: seconds },
});

describe("invocation input", () => {
  it("is a DurableExecutionInvocationInputWithClient carrying the client, token and state", async () => {
    const { current, executionId, engine } = await openCheckpointFixture({ input: { n: 1 } });
    const event = current.invocation.event;
    expect(event).toBeInstanceOf(DurableExecutionInvocationInputWithClient);
    expect(Object.prototype.toString.call(event)).toBe(
      "[object DurableExecutionInvocationInputWithClient]",
    );
    expect(event.constructor.name).toBe("DurableExecutionInvocationInputWithClient");
    expect(DurableExecutionInvocationInputWithClient.isInstance(event)).toBe(true);
    expect(DurableExecutionInvocationInputWithClient.isInstance({ ...event })).toBe(false);
    expect(event.durableExecutionClient).toBe(engine.client);
    expect(event.DurableExecutionArn).toBe(executionId);
    expect(event.CheckpointToken).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(event.UpdatedOperationIds).toEqual([]);
    expect(event.InitialExecutionState.NextMarker).toBeUndefined();
    expect(event.InitialExecutionState.Operations).toMatchObject([
      { Type: "EXECUTION", Status: "STARTED", ExecutionDetails: { InputPayload: '{"n":1}' } },
    ]);
  });

  it("comes with a Lambda-like context whose request id is the invocation id", async () => {
    const { current } = await openCheckpointFixture();
    const context = current.invocation.context;
    expect(context).toMatchObject({
      functionName: "fn",
      functionVersion: "$LATEST",
      memoryLimitInMB: "1024",
      callbackWaitsForEmptyEventLoop: false,
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.invokedFunctionArn).toBe("arn:durably:lambda:local:000000000000:function:fn");
    expect(context.getRemainingTimeInMillis()).toBe(900_000);
    expect(() => context.done()).toThrow("Function not implemented.");
  });

  it("lists the operations changed since the previous invocation started", async () => {
    const { current, next } = await openCheckpointFixture();
    await current.invocation.checkpoint([
      step("a", "SUCCEED", { Payload: "1" }),
      waitUpdate("w", 5),
    ]);
    current.finish({ Status: "PENDING" });
    const second = await next();
    expect(second.invocation.event.UpdatedOperationIds?.sort((a, b) => a.localeCompare(b))).toEqual(
      ["a", "w"],
    );
    await second.invocation.checkpoint([waitUpdate("w2", 5)]);
    second.finish({ Status: "PENDING" });
    const third = await next();
    expect(third.invocation.event.UpdatedOperationIds).toEqual(["w2"]);
    third.finish({ Status: "SUCCEEDED" });
  });

  it("prunes descendants of finished contexts unless they replay their children", async () => {
    const { current, next } = await openCheckpointFixture();
    const ctx = (
      id: string,
      action: OperationUpdate["Action"],
      extra: Partial<OperationUpdate> = {},
    ): OperationUpdate => ({ Id: id, Type: "CONTEXT", Action: action, ...extra });
    await current.invocation.checkpoint([
      ctx("done", "START"),
      ctx("inner", "START", { ParentId: "done" }),
      step("deep", "SUCCEED", { ParentId: "inner" }),
      step("shallow", "SUCCEED", { ParentId: "done" }),
      ctx("inner", "SUCCEED", { ParentId: "done" }),
      ctx("done", "SUCCEED"),
      ctx("failed", "START"),
      step("f1", "FAIL", { ParentId: "failed" }),
      ctx("failed", "FAIL"),
      ctx("big", "START"),
      step("b1", "SUCCEED", { ParentId: "big" }),
      ctx("big", "SUCCEED", { ContextOptions: { ReplayChildren: true } }),
      ctx("open", "START"),
      step("o1", "SUCCEED", { ParentId: "open" }),
      waitUpdate("w", 1),
    ]);
    current.finish({ Status: "PENDING" });
    const second = await next();
    const ids = (second.invocation.event.InitialExecutionState.Operations ?? [])
      .map((op) => op.Id)
      .slice(1);
    expect(ids).toEqual(["done", "failed", "big", "b1", "open", "o1", "w"]);
    second.finish({ Status: "SUCCEEDED" });
  });

  it("inlines the first 1000 operations and pages the rest through GetDurableExecutionState", async () => {
    const { current, next } = await openCheckpointFixture();
    for (let batch = 0; batch < 6; batch++) {
      const updates = Array.from({ length: 250 }, (_, i) =>
        step(`s${batch * 250 + i}`, "SUCCEED", { Payload: "1" }),
      );
      await current.invocation.checkpoint(updates);
    }
    await current.invocation.checkpoint([waitUpdate("w", 1)]);
    current.finish({ Status: "PENDING" });
    const { invocation, finish } = await next();
    const state = invocation.event.InitialExecutionState;
    expect(state.Operations).toHaveLength(1000);
    expect(state.NextMarker).toBe("1000");
    const client = invocation.event.durableExecutionClient;
    const request = {
      DurableExecutionArn: invocation.event.DurableExecutionArn,
      CheckpointToken: invocation.token,
    };
    const page = await client.getExecutionState({
      ...request,
      Marker: state.NextMarker,
      MaxItems: 1000,
    });
    expect(page.Operations).toHaveLength(502);
    expect(page.NextMarker).toBeUndefined();
    expect(page.Operations?.at(-1)?.Id).toBe("w");
    const small = await client.getExecutionState({ ...request, MaxItems: 10 });
    expect(small).toMatchObject({ NextMarker: "10" });
    expect(small.Operations?.[0]?.Type).toBe("EXECUTION");
    await expect(client.getExecutionState({ ...request, MaxItems: 1001 })).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      code: "INVALID_CHECKPOINT",
    });
    await expect(client.getExecutionState({ ...request, Marker: "x" })).rejects.toMatchObject({
      message: "Invalid Marker.",
    });
    await expect(
      client.getExecutionState({ ...request, CheckpointToken: "bad" }),
    ).rejects.toMatchObject({ code: "STALE_TOKEN" });
    finish({ Status: "SUCCEEDED" });
  });
});

describe("invocation outcome", () => {
  it("fails the execution when the handler suspends with nothing pending", async () => {
    const { engine } = testEngine();
    engine.register(
      "fn",
      rawHandler(async (inv) => {
        await inv.checkpoint([step("a", "SUCCEED")]);
        return { Status: "PENDING" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({
      status: "FAILED",
      error: {
        ErrorType: "InvalidParameterValueException",
        ErrorMessage: "Cannot return PENDING status with no pending operations.",
      },
    });
  });

  it("retries an invocation whose handler threw, with back-off, then fails the execution", async () => {
    const { engine, clock } = testEngine({
      invocationRetry: { maxAttempts: 3, initialDelayMs: 1000 },
    });
    let calls = 0;
    engine.register(
      "fn",
      rawHandler(async () => {
        calls++;
        throw new TypeError(`crash ${calls}`);
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(calls).toBe(3);
    expect(done).toMatchObject({
      status: "FAILED",
      error: { ErrorType: "TypeError", ErrorMessage: "crash 3" },
    });
    const history = await engine.getHistory(execution.executionId);
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "InvocationCompleted",
      "InvocationCompleted",
      "InvocationCompleted",
      "ExecutionFailed",
    ]);
    expect(history.map((e) => e.EventTimestamp.getTime() - testEpoch)).toEqual([
      0, 0, 1000, 3000, 3000,
    ]);
    expect(history[1]?.InvocationCompletedDetails?.Error?.Payload).toMatchObject({
      ErrorType: "TypeError",
      ErrorMessage: "crash 1",
    });
    expect(clock.now()).toBe(testEpoch + 3000);
  });

  it("forgets earlier invocation failures once an invocation completes normally", async () => {
    const { engine } = testEngine({ invocationRetry: { maxAttempts: 2 } });
    let calls = 0;
    engine.register(
      "fn",
      rawHandler(async (inv) => {
        calls++;
        if (calls === 1 || calls === 3) throw new Error("flaky");
        if (inv.get("w") === undefined) {
          await inv.checkpoint([waitUpdate("w", 1)]);
          return { Status: "PENDING" };
        }
        return { Status: "SUCCEEDED", Result: "4" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await expect(engine.waitForExecution(execution.executionId)).resolves.toMatchObject({
      status: "SUCCEEDED",
      result: "4",
    });
    expect(calls).toBe(4);
  });

  it("ends an invocation that outlives its time as failed and refuses its later checkpoints", async () => {
    const { current, next, clock, engine, executionId } = await openCheckpointFixture({
      autoAdvanceTime: false,
      invocationTimeoutMs: 60_000,
      invocationRetry: { maxAttempts: 2, initialDelayMs: 1000 },
    });
    clock.advanceBy(60_000);
    await expect(current.invocation.checkpoint([])).rejects.toMatchObject({ code: "STALE_TOKEN" });
    await engine.whenIdle();
    const [, completed] = await engine.getHistory(executionId);
    expect(completed?.InvocationCompletedDetails?.Error?.Payload).toEqual({
      ErrorType: "Sandbox.Timedout",
      ErrorMessage: "Task timed out after 60.00 seconds",
    });
    clock.advanceBy(1000);
    const retried = await next();
    retried.finish({ Status: "SUCCEEDED" });
    await expect(engine.waitForExecution(executionId)).resolves.toMatchObject({
      status: "SUCCEEDED",
    });
  });

  it("treats a malformed handler output as an invocation error", async () => {
    const { engine } = testEngine({ invocationRetry: { maxAttempts: 1 } });
    engine.register("fn", (async () => ({ status: "done" })) as never);
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.error).toMatchObject({ ErrorType: "InvalidInvocationOutput" });
  });

  it("re-invokes at once when a change arrived that the invocation never saw", async () => {
    const { current, next, engine, clock } = await openCheckpointFixture();
    await current.invocation.checkpoint([
      { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" },
    ]);
    await engine.sendCallbackSuccess(
      current.invocation.get("cb")?.CallbackDetails?.CallbackId ?? "",
      '"late"',
    );
    current.finish({ Status: "PENDING" });
    const second = await next();
    expect(clock.now()).toBe(testEpoch);
    expect(second.invocation.event.UpdatedOperationIds).toEqual(["cb"]);
    expect(second.invocation.get("cb")).toMatchObject({
      Status: "SUCCEEDED",
      CallbackDetails: { Result: '"late"' },
    });
    second.finish({ Status: "SUCCEEDED" });
  });

  it("does not re-invoke when the change was delivered in a checkpoint response", async () => {
    const { current, engine, executionId, store } = await openCheckpointFixture({
      autoAdvanceTime: false,
    });
    await current.invocation.checkpoint([
      { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" },
      waitUpdate("w", 60),
    ]);
    await engine.sendCallbackSuccess(
      current.invocation.get("cb")?.CallbackDetails?.CallbackId ?? "",
    );
    await current.invocation.checkpoint([]);
    current.finish({ Status: "PENDING" });
    await engine.whenIdle();
    const row = await store.getExecution(executionId);
    expect(row?.readyAt).toBeUndefined();
    expect(row?.leaseOwner).toBeUndefined();
  });
});

describe("worker loop", () => {
  it("runs executions concurrently but never two invocations of one execution", async () => {
    const { engine } = testEngine({ concurrency: 4 });
    const controlled = controlledHandler();
    engine.register("fn", controlled.handler);
    const a = await engine.startExecution({ functionName: "fn" });
    const b = await engine.startExecution({ functionName: "fn" });
    const first = await controlled.next();
    const second = await controlled.next();
    expect(
      new Set([
        first.invocation.event.DurableExecutionArn,
        second.invocation.event.DurableExecutionArn,
      ]),
    ).toEqual(new Set([a.execution.executionId, b.execution.executionId]));
    // An external change to a running execution waits for its invocation to end.
    await first.invocation.checkpoint([
      { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" },
    ]);
    await engine.sendCallbackSuccess(first.invocation.get("cb")?.CallbackDetails?.CallbackId ?? "");
    let third: unknown;
    const thirdInvocation = controlled.next();
    void thirdInvocation.then((c) => (third = c));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBeUndefined();
    first.finish({ Status: "PENDING" });
    second.finish({ Status: "SUCCEEDED" });
    const again = await thirdInvocation;
    expect(again.invocation.event.DurableExecutionArn).toBe(
      first.invocation.event.DurableExecutionArn,
    );
    again.finish({ Status: "SUCCEEDED" });
    await engine.whenIdle();
  });

  it("renews the lease while an invocation runs past half of it", async () => {
    const { current, store, clock, executionId } = await openCheckpointFixture({
      autoAdvanceTime: false,
      leaseMs: 10_000,
    });
    expect((await store.getExecution(executionId))?.leaseExpiresAt).toBe(testEpoch + 10_000);
    clock.advanceBy(6000);
    await current.invocation.checkpoint([]);
    expect((await store.getExecution(executionId))?.leaseExpiresAt).toBe(testEpoch + 16_000);
    current.finish({ Status: "SUCCEEDED" });
  });

  it("leaves an execution of a function it does not host to the engines that host it", async () => {
    const store = new InstrumentedStore();
    const clock = new VirtualClock(testEpoch);
    const owner = createEngine({ store, clock });
    owner.register(
      "known",
      rawHandler(async () => ({ Status: "SUCCEEDED" })),
    );
    const { execution } = await owner.startExecution({ functionName: "known" });
    const before = await store.getExecution(execution.executionId);
    const stranger = createEngine({ store, clock, unknownFunctionRetryMs: 30_000 });
    stranger.register(
      "other",
      rawHandler(async () => ({ Status: "SUCCEEDED" })),
    );
    stranger.start();
    await stranger.whenIdle();
    expect(await store.getExecution(execution.executionId)).toStrictEqual(before);
    expect(signature(await store.listEvents(execution.executionId))).toEqual(["ExecutionStarted"]);
    await stranger.stop();
    owner.start();
    expect((await owner.waitForExecution(execution.executionId)).status).toBe("SUCCEEDED");
    await owner.stop();
  });

  it("does not run virtual time away on an execution it can never run", async () => {
    const store = new InstrumentedStore();
    const clock = new VirtualClock(testEpoch);
    const owner = createEngine({ store, clock });
    owner.register(
      "known",
      rawHandler(async () => ({ Status: "SUCCEEDED" })),
    );
    const { execution } = await owner.startExecution({ functionName: "known" });
    const stranger = createEngine({
      store,
      clock,
      autoAdvanceTime: true,
      unknownFunctionRetryMs: 30_000,
    });
    stranger.start();
    await stranger.whenIdle();
    expect(clock.now()).toBeLessThanOrEqual(testEpoch + 30_000);
    expect((await store.getExecution(execution.executionId))?.status).toBe("RUNNING");
    await stranger.stop();
  });

  it("stop() waits for running invocations and releases their leases", async () => {
    const { current, engine, store, executionId } = await openCheckpointFixture();
    const stopped = engine.stop();
    current.finish({ Status: "SUCCEEDED" });
    await stopped;
    expect(await store.getExecution(executionId)).toMatchObject({ status: "SUCCEEDED" });
    expect((await store.getExecution(executionId))?.leaseOwner).toBeUndefined();
  });
});
