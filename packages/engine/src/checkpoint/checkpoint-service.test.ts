import { describe, expect, it } from "vitest";
import { createEngine } from "../api/create-engine.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { openCheckpointFixture } from "../internal/testing/checkpoint-fixture.ts";
import { InstrumentedStore } from "../internal/testing/instrumented-store.ts";
import { controlledHandler, step, testEpoch } from "../internal/testing/raw-invocation.ts";
import { decodeCheckpointToken, encodeCheckpointToken } from "./checkpoint-token.ts";

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as Record<string, unknown>,
  );
}

describe("checkpoint tokens", () => {
  it("encode the execution, generation and sequence as opaque base64", () => {
    const token = encodeCheckpointToken({ executionId: "arn:x", generation: 3, sequence: 7 });
    expect(token).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(decodeCheckpointToken(token)).toEqual({
      executionId: "arn:x",
      generation: 3,
      sequence: 7,
    });
    expect(decodeCheckpointToken("not a token")).toBeUndefined();
    expect(decodeCheckpointToken(Buffer.from('["a",1]').toString("base64"))).toBeUndefined();
  });

  it("issues a fresh token per checkpoint and rejects a used one", async () => {
    const { current, snapshot } = await openCheckpointFixture();
    const inv = current.invocation;
    const first = inv.token;
    await inv.checkpoint([step("a", "START")]);
    expect(inv.token).not.toBe(first);
    const before = await snapshot();
    const error = await rejection(
      inv.event.durableExecutionClient.checkpoint({
        DurableExecutionArn: inv.event.DurableExecutionArn,
        CheckpointToken: first,
        Updates: [step("b", "START")],
      }),
    );
    expect(error).toMatchObject({
      name: "InvalidParameterValueException",
      code: "STALE_TOKEN",
      $metadata: { httpStatusCode: 400 },
    });
    expect(error["message"]).toMatch(/^Invalid Checkpoint Token: /);
    expect(await snapshot()).toBe(before);
  });

  it("rejects malformed and foreign tokens", async () => {
    const { current, engine } = await openCheckpointFixture();
    const inv = current.invocation;
    const client = inv.event.durableExecutionClient;
    const arn = inv.event.DurableExecutionArn;
    await expect(
      client.checkpoint({ DurableExecutionArn: arn, CheckpointToken: "garbage" }),
    ).rejects.toMatchObject({ code: "STALE_TOKEN" });
    const foreign = encodeCheckpointToken({ executionId: "arn:other", generation: 1, sequence: 0 });
    await expect(
      client.checkpoint({ DurableExecutionArn: arn, CheckpointToken: foreign }),
    ).rejects.toMatchObject({
      code: "STALE_TOKEN",
      message: expect.stringContaining("does not belong"),
    });
    await expect(
      engine.client.checkpoint({ DurableExecutionArn: "arn:unknown", CheckpointToken: inv.token }),
    ).rejects.toMatchObject({
      code: "STALE_TOKEN",
    });
  });

  it("rejects tokens once the invocation has ended", async () => {
    const { current, next, engine } = await openCheckpointFixture();
    const inv = current.invocation;
    await inv.checkpoint([
      { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 10 } },
    ]);
    const token = inv.token;
    current.finish({ Status: "PENDING" });
    const second = await next();
    await expect(
      inv.event.durableExecutionClient.checkpoint({
        DurableExecutionArn: inv.event.DurableExecutionArn,
        CheckpointToken: token,
      }),
    ).rejects.toMatchObject({ code: "STALE_TOKEN" });
    second.finish({ Status: "SUCCEEDED" });
    await engine.whenIdle();
  });

  it("rejects any checkpoint after the execution completed", async () => {
    const { current, snapshot } = await openCheckpointFixture();
    const inv = current.invocation;
    await inv.checkpoint([{ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Payload: '"big"' }]);
    const before = await snapshot();
    const error = await rejection(inv.checkpoint([step("a", "START")]));
    expect(error).toMatchObject({
      code: "STALE_TOKEN",
      message: expect.stringContaining("has already completed (SUCCEEDED)"),
    });
    expect(await snapshot()).toBe(before);
  });

  it("fences an invocation whose execution was claimed again (stale generation)", async () => {
    // No auto-advance: the other worker's lease must not expire in this test.
    const { current, store, clock, executionId, snapshot, engine } = await openCheckpointFixture({
      leaseMs: 1000,
      autoAdvanceTime: false,
    });
    const inv = current.invocation;
    await inv.checkpoint([step("a", "START")]);
    // Another worker claims after the lease expired (this worker looked dead).
    const [claimed] = await store.claimReady({
      workerId: "other",
      now: clock.now() + 5000,
      leaseMs: 60_000,
      limit: 1,
    });
    expect(claimed?.executionId).toBe(executionId);
    const before = await snapshot();
    const error = await rejection(inv.checkpoint([step("a", "SUCCEED", { Payload: "1" })]));
    expect(error).toMatchObject({
      code: "STALE_TOKEN",
      message: expect.stringContaining("claimed by a newer invocation"),
    });
    expect(await snapshot()).toBe(before);
    // The fenced invocation's end writes nothing either (no InvocationCompleted, lease untouched).
    current.finish({ Status: "SUCCEEDED", Result: "1" });
    await engine.whenIdle();
    expect(await snapshot()).toBe(before);
  });
});

describe("checkpoint application", () => {
  it("returns the operations changed by the request, then nothing on an empty refresh", async () => {
    const { current } = await openCheckpointFixture();
    const inv = current.invocation;
    const response = await inv.checkpoint([
      step("a", "START", { Name: "first" }),
      step("b", "SUCCEED", { Payload: '"x"' }),
    ]);
    const ops = response.NewExecutionState?.Operations ?? [];
    expect(ops.map((op) => [op.Id, op.Status])).toEqual([
      ["a", "STARTED"],
      ["b", "SUCCEEDED"],
    ]);
    expect(ops[0]).toMatchObject({
      Id: "a",
      Type: "STEP",
      SubType: "Step",
      Name: "first",
      StepDetails: {},
    });
    expect(ops[0]?.StartTimestamp).toEqual(new Date(testEpoch));
    expect(ops[1]).toMatchObject({
      StepDetails: { Attempt: 1, Result: '"x"' },
      EndTimestamp: new Date(testEpoch),
    });
    const refresh = await inv.checkpoint([]);
    expect(refresh.NewExecutionState?.Operations).toEqual([]);
  });

  it("counts attempts: RETRY and the final outcome each add one; START on READY keeps it", async () => {
    const { current, next, clock } = await openCheckpointFixture({ autoAdvanceTime: true });
    const inv = current.invocation;
    await inv.checkpoint([
      step("a", "START"),
      step("a", "RETRY", {
        Error: { ErrorMessage: "boom" },
        StepOptions: { NextAttemptDelaySeconds: 30 },
      }),
    ]);
    expect(inv.get("a")).toMatchObject({
      Status: "PENDING",
      StepDetails: {
        Attempt: 1,
        NextAttemptTimestamp: new Date(testEpoch + 30_000),
        Error: { ErrorMessage: "boom" },
      },
    });
    current.finish({ Status: "PENDING" });
    const second = await next();
    expect(clock.now()).toBe(testEpoch + 30_000);
    expect(second.invocation.get("a")).toMatchObject({
      Status: "READY",
      StepDetails: { Attempt: 1 },
    });
    expect(second.invocation.event.UpdatedOperationIds).toEqual(["a"]);
    await second.invocation.checkpoint([step("a", "START")]);
    expect(second.invocation.get("a")).toMatchObject({
      Status: "STARTED",
      StepDetails: { Attempt: 1 },
    });
    await second.invocation.checkpoint([step("a", "SUCCEED", { Payload: "2" })]);
    expect(second.invocation.get("a")).toMatchObject({
      Status: "SUCCEEDED",
      StepDetails: { Attempt: 2, Result: "2" },
    });
    second.finish({ Status: "SUCCEEDED" });
  });

  it("schedules waits and mints callback ids of at least 128 bits in the base64 alphabet", async () => {
    const clock = new VirtualClock(testEpoch);
    const store = new InstrumentedStore();
    const engine = createEngine({ store, clock, autoAdvanceTime: true });
    const controlled = controlledHandler();
    engine.register("fn", controlled.handler);
    engine.start();
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const { invocation } = await controlled.next();
    await invocation.checkpoint([
      { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 90 } },
      {
        Id: "c",
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 60, HeartbeatTimeoutSeconds: 10 },
      },
    ]);
    expect(invocation.get("w")?.WaitDetails?.ScheduledEndTimestamp).toEqual(
      new Date(testEpoch + 90_000),
    );
    const callbackId = invocation.get("c")?.CallbackDetails?.CallbackId ?? "";
    expect(callbackId).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(callbackId, "base64").length * 8).toBeGreaterThanOrEqual(128);
    const timers = await store.listTimers(execution.executionId);
    expect(
      timers
        .map((t) => [t.kind, t.operationId, t.dueAt - testEpoch])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["callback-heartbeat", "c", 10_000],
      ["callback-timeout", "c", 60_000],
      ["wait", "w", 90_000],
    ]);
  });

  it("delivers external changes (a callback completed) in the next checkpoint response", async () => {
    const { current, engine } = await openCheckpointFixture();
    const inv = current.invocation;
    await inv.checkpoint([{ Id: "c", Type: "CALLBACK", SubType: "Callback", Action: "START" }]);
    await engine.sendCallbackSuccess(inv.get("c")?.CallbackDetails?.CallbackId ?? "", '"ok"');
    const response = await inv.checkpoint([step("s", "START")]);
    const byId = new Map((response.NewExecutionState?.Operations ?? []).map((op) => [op.Id, op]));
    expect(byId.get("c")).toMatchObject({
      Status: "SUCCEEDED",
      CallbackDetails: { Result: '"ok"' },
    });
    expect(byId.get("s")?.Status).toBe("STARTED");
  });

  it("re-validates against changes that raced the checkpoint (a wait that fired cannot be cancelled)", async () => {
    const { current, engine, clock, snapshot } = await openCheckpointFixture({
      autoAdvanceTime: false,
    });
    const inv = current.invocation;
    await inv.checkpoint([
      { Id: "w", Type: "WAIT", SubType: "Wait", Action: "START", WaitOptions: { WaitSeconds: 10 } },
    ]);
    const fired = new Promise<void>((resolve) => {
      engine.subscribe((event) => {
        if (
          event.type === "operations-changed" &&
          event.operations.some((op) => op.Id === "w" && op.Status === "SUCCEEDED")
        )
          resolve();
      });
    });
    clock.advanceBy(10_000);
    await fired;
    const before = await snapshot();
    await expect(
      inv.checkpoint([{ Id: "w", Type: "WAIT", Action: "CANCEL" }]),
    ).rejects.toMatchObject({
      message: "Cannot cancel a WAIT that does not exist or has already completed.",
    });
    expect(await snapshot()).toBe(before);
    const response = await inv.checkpoint([]);
    expect(response.NewExecutionState?.Operations).toMatchObject([
      { Id: "w", Status: "SUCCEEDED" },
    ]);
  });

  it("never re-reads all operations per checkpoint; a conflict reloads only changed ones", async () => {
    const { current, engine, store } = await openCheckpointFixture();
    const inv = current.invocation;
    const fullReads = store.stats.fullListOperations;
    for (let i = 0; i < 50; i++)
      await inv.checkpoint([step(`s${i}`, "START"), step(`s${i}`, "SUCCEED", { Payload: `${i}` })]);
    await inv.checkpoint([{ Id: "c", Type: "CALLBACK", SubType: "Callback", Action: "START" }]);
    await engine.sendCallbackSuccess(inv.get("c")?.CallbackDetails?.CallbackId ?? "");
    const conflicts = store.stats.conflicts;
    await inv.checkpoint([]);
    expect(store.stats.conflicts).toBe(conflicts + 1);
    expect(store.stats.fullListOperations).toBe(fullReads);
  });

  it("closes the execution on an EXECUTION SUCCEED checkpoint (large results)", async () => {
    const { current, engine, executionId } = await openCheckpointFixture();
    await current.invocation.checkpoint([
      { Id: "execution-result-1", Type: "EXECUTION", Action: "SUCCEED", Payload: '{"big":true}' },
    ]);
    // Waiters hear of the close once the invocation has ended: its InvocationCompleted is recorded.
    let isResolved = false;
    const waiting = engine.waitForExecution(executionId).then((summary) => {
      isResolved = true;
      return summary;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(isResolved).toBe(false);
    current.finish({ Status: "SUCCEEDED", Result: "" });
    const done = await waiting;
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '{"big":true}' });
    const history = await engine.getHistory(executionId);
    expect(history.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "ExecutionSucceeded",
      "InvocationCompleted",
    ]);
  });
});
