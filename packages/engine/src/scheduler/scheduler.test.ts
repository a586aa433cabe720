import type { OperationUpdate } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import { createEngine } from "../api/create-engine.ts";
import { SystemClock } from "../clock/system-clock.ts";
import { InstrumentedStore } from "../internal/testing/instrumented-store.ts";
import { openCheckpointFixture } from "../internal/testing/checkpoint-fixture.ts";
import { rawHandler, step, testEngine, testEpoch } from "../internal/testing/raw-invocation.ts";

const waitUpdate = (id: string, seconds: number): OperationUpdate => ({
  Id: id,
  Type: "WAIT",
  SubType: "Wait",
  Action: "START",
  WaitOptions: { WaitSeconds: seconds },
});

/** Waits `seconds`, then succeeds. */
const sleeper = (seconds: number) =>
  rawHandler(async (inv) => {
    if (inv.get("w") === undefined) {
      await inv.checkpoint([waitUpdate("w", seconds)]);
      return { Status: "PENDING" };
    }
    return { Status: "SUCCEEDED" };
  });

describe("scheduler", () => {
  it("fires timers in due-time order across executions", async () => {
    const { engine } = testEngine();
    const fired: [string, number][] = [];
    engine.subscribe((event) => {
      if (event.type !== "operations-changed") return;
      for (const op of event.operations)
        if (op.Type === "WAIT" && op.Status === "SUCCEEDED")
          fired.push([event.executionId, op.EndTimestamp?.getTime() ?? 0]);
    });
    engine.register("a", sleeper(30));
    engine.register("b", sleeper(10));
    engine.register("c", sleeper(20));
    const ids = await Promise.all(
      ["a", "b", "c"].map(
        async (fn) => (await engine.startExecution({ functionName: fn })).execution.executionId,
      ),
    );
    await engine.whenIdle();
    expect(fired).toEqual([
      [ids[1], testEpoch + 10_000],
      [ids[2], testEpoch + 20_000],
      [ids[0], testEpoch + 30_000],
    ]);
  });

  it("runs days of waits in virtual time", async () => {
    const { engine, clock } = testEngine();
    engine.register(
      "fn",
      rawHandler(async (inv) => {
        for (const [id, seconds] of [
          ["week", 7 * 86_400],
          ["month", 30 * 86_400],
        ] as const) {
          const op = inv.get(id);
          if (op === undefined) {
            await inv.checkpoint([waitUpdate(id, seconds)]);
            return { Status: "PENDING" };
          }
          if (op.Status !== "SUCCEEDED") return { Status: "PENDING" };
        }
        return { Status: "SUCCEEDED" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.status).toBe("SUCCEEDED");
    expect(clock.now()).toBe(testEpoch + 37 * 86_400_000);
  });

  it("never moves virtual time while an invocation runs: a wait fires after the invocation ends", async () => {
    const { current, next, clock, engine, executionId } = await openCheckpointFixture();
    await current.invocation.checkpoint([waitUpdate("w", 1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.now()).toBe(testEpoch);
    expect((await engine.getOperations(executionId))[1]?.Status).toBe("STARTED");
    current.finish({ Status: "PENDING" });
    const second = await next();
    expect(clock.now()).toBe(testEpoch + 1000);
    expect(second.invocation.get("w")?.Status).toBe("SUCCEEDED");
    second.finish({ Status: "SUCCEEDED" });
  });

  it("moves a step whose retry delay elapsed to READY without an event", async () => {
    const { current, next, engine, executionId } = await openCheckpointFixture();
    await current.invocation.checkpoint([
      step("s", "START"),
      step("s", "RETRY", {
        Error: { ErrorMessage: "x" },
        StepOptions: { NextAttemptDelaySeconds: 5 },
      }),
    ]);
    const eventsBefore = (await engine.getHistory(executionId)).length;
    current.finish({ Status: "PENDING" });
    const second = await next();
    expect(second.invocation.get("s")).toMatchObject({
      Status: "READY",
      StepDetails: { Attempt: 1 },
    });
    // Only the first invocation's InvocationCompleted was added in between.
    expect((await engine.getHistory(executionId)).length).toBe(eventsBefore + 1);
    second.finish({ Status: "FAILED", Error: {} });
  });

  it("without auto-advance, stays idle until time is advanced", async () => {
    const { engine, clock } = testEngine({ autoAdvanceTime: false });
    engine.register("fn", sleeper(10));
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.whenIdle();
    expect((await engine.getExecution(execution.executionId)).status).toBe("RUNNING");
    expect(clock.now()).toBe(testEpoch);
    expect(await engine.advanceToNextDue()).toBe(testEpoch + 10_000);
    expect((await engine.getExecution(execution.executionId)).status).toBe("SUCCEEDED");
    expect(await engine.advanceToNextDue()).toBeUndefined();
  });

  it("fires timers when the clock is advanced by hand", async () => {
    const { engine, clock } = testEngine({ autoAdvanceTime: false });
    engine.register("fn", sleeper(10));
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.whenIdle();
    clock.advanceBy(9_999);
    await engine.whenIdle();
    expect((await engine.getExecution(execution.executionId)).status).toBe("RUNNING");
    clock.advanceBy(1);
    await engine.whenIdle();
    expect((await engine.getExecution(execution.executionId)).status).toBe("SUCCEEDED");
  });

  it("lets a policy refuse to skip some timers (callback timeouts stay for the test to trigger)", async () => {
    const { engine, clock } = testEngine({
      autoAdvanceTime: (next) => next.kind === "wait" || next.kind === "retry",
    });
    engine.register(
      "fn",
      rawHandler(async (inv) => {
        const cb = inv.get("cb");
        if (cb === undefined) {
          await inv.checkpoint([
            {
              Id: "cb",
              Type: "CALLBACK",
              SubType: "Callback",
              Action: "START",
              CallbackOptions: { TimeoutSeconds: 3600 },
            },
          ]);
          return { Status: "PENDING" };
        }
        return cb.Status === "STARTED"
          ? { Status: "PENDING" }
          : { Status: "SUCCEEDED", Result: cb.CallbackDetails?.Result };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.whenIdle();
    expect(clock.now()).toBe(testEpoch);
    const callbackId =
      (await engine.getOperations(execution.executionId))[1]?.CallbackDetails?.CallbackId ?? "";
    await engine.sendCallbackSuccess(callbackId, '"yes"');
    await expect(engine.waitForExecution(execution.executionId)).resolves.toMatchObject({
      status: "SUCCEEDED",
      result: '"yes"',
    });
  });

  it("drops every timer when an execution finishes, so virtual time does not jump to them", async () => {
    const { engine, store, clock } = testEngine();
    engine.register(
      "fn",
      rawHandler(async (inv) => {
        await inv.checkpoint([waitUpdate("never-awaited", 86_400)]);
        return { Status: "SUCCEEDED" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.waitForExecution(execution.executionId);
    await engine.whenIdle();
    expect(await store.listTimers(execution.executionId)).toEqual([]);
    expect(clock.now()).toBe(testEpoch);
  });

  it("rejects auto-advance on a clock that cannot be advanced", () => {
    const store = new InstrumentedStore();
    expect(() => createEngine({ store, clock: new SystemClock(), autoAdvanceTime: true })).toThrow(
      /ManualClock/,
    );
  });
});
