import type { OperationUpdate } from "@durably/sdk/protocol";
import type { ExecutionCommit, ExecutionRecord } from "@durably/store";
import { StoreError } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { describe, expect, it } from "vitest";
import { createEngine } from "../api/create-engine.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { openCheckpointFixture } from "../internal/testing/checkpoint-fixture.ts";
import { InstrumentedStore } from "../internal/testing/instrumented-store.ts";
import { rawHandler, testEngine, testEpoch } from "../internal/testing/raw-invocation.ts";

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const waitUpdate = (id: string, seconds: number): OperationUpdate => ({
  Id: id,
  Type: "WAIT",
  SubType: "Wait",
  Action: "START",
  WaitOptions: { WaitSeconds: seconds },
});

/** A store that announces ready executions the way a shared store (PostgreSQL) does. */
class AnnouncingStore extends InstrumentedStore {
  listener: ((readyAt: number | undefined) => void) | undefined;
  subscribeReady(listener: (readyAt: number | undefined) => void): () => void {
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }
}

/** A store whose next commit with operations fails as if the database connection was lost. */
class FlakyStore extends InstrumentedStore {
  isFlaky = true;
  override commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    if (this.isFlaky && (change.operations?.length ?? 0) > 0) {
      this.isFlaky = false;
      return Promise.reject(new StoreError("UNAVAILABLE", "the connection was terminated"));
    }
    return super.commit(change);
  }
}

const succeed = rawHandler(async () => ({ Status: "SUCCEEDED", Result: '"done"' }));

describe("engines sharing a store", () => {
  it("renews a lease without changing the version, so the invocation's next checkpoint applies", async () => {
    const { current, store, clock, executionId } = await openCheckpointFixture({
      autoAdvanceTime: false,
      leaseMs: 10_000,
    });
    const before = await store.getExecution(executionId);
    clock.advanceBy(6000);
    await flush();
    const renewed = await store.getExecution(executionId);
    expect(renewed).toStrictEqual({ ...before, leaseExpiresAt: testEpoch + 16_000 });
    expect(store.stats.renewals).toBe(1);
    await current.invocation.checkpoint([]);
    expect(store.stats.conflicts).toBe(0);
    expect((await store.getExecution(executionId))?.version).toBe((before?.version ?? 0) + 1);
    current.finish({ Status: "SUCCEEDED" });
  });

  it("refuses the checkpoints of an invocation whose lease another worker took", async () => {
    const { current, store, clock, executionId } = await openCheckpointFixture({
      autoAdvanceTime: false,
      leaseMs: 10_000,
    });
    // Another worker, whose clock is ahead, finds the lease expired and claims the execution.
    const [taken] = await store.claimReady({
      workerId: "other",
      now: testEpoch + 20_000,
      leaseMs: 10_000,
      limit: 1,
    });
    expect(taken?.generation).toBe(2);
    clock.advanceBy(5000); // this worker's renewal is refused: it learns it lost the lease
    await flush();
    await expect(current.invocation.checkpoint([waitUpdate("w", 5)])).rejects.toThrow(
      /claimed by a newer invocation; this token is stale/,
    );
    expect((await store.getExecution(executionId))?.leaseOwner).toBe("other");
    expect(await store.listOperations(executionId)).toHaveLength(1);
    current.finish({ Status: "PENDING" });
  });

  it("does not count an invocation the store failed against the handler's retries", async () => {
    const store = new FlakyStore();
    const { engine } = testEngine({
      store,
      invocationRetry: { maxAttempts: 1 },
      onError: () => undefined,
      functions: {
        sleeper: rawHandler(async (inv) => {
          if (inv.get("nap") === undefined) await inv.checkpoint([waitUpdate("nap", 5)]);
          return inv.get("nap")?.Status === "SUCCEEDED"
            ? { Status: "SUCCEEDED" }
            : { Status: "PENDING" };
        }),
      },
    });
    const { execution } = await engine.startExecution({ functionName: "sleeper" });
    expect((await engine.waitForExecution(execution.executionId)).status).toBe("SUCCEEDED");
    const history = await engine.getHistory(execution.executionId);
    expect(history.filter((e) => e.EventType === "InvocationCompleted")).toHaveLength(3);
    expect((await store.getExecution(execution.executionId))?.attributes).not.toHaveProperty(
      "invocationFailures",
    );
  });

  it("claims only the executions of the functions it hosts", async () => {
    const store = new InstrumentedStore();
    const clock = new VirtualClock(testEpoch);
    const front = createEngine({
      store,
      clock,
      functions: { billing: succeed, shipping: succeed },
    });
    const billing = await front.startExecution({ functionName: "billing" });
    const shipping = await front.startExecution({ functionName: "shipping" });
    const worker = createEngine({ store, clock, functions: { shipping: succeed } });
    worker.start();
    await worker.whenIdle();
    expect((await store.getExecution(shipping.execution.executionId))?.status).toBe("SUCCEEDED");
    const waiting = await store.getExecution(billing.execution.executionId);
    expect(waiting).toMatchObject({ status: "RUNNING", version: 1, readyAt: testEpoch });
    await worker.stop();
  });

  it("fires due timers by claiming them when the store is shared", async () => {
    const { engine, store } = testEngine({ pollIntervalMs: 60_000 });
    engine.register(
      "sleeper",
      rawHandler(async (inv) => {
        if (inv.get("nap") === undefined) await inv.checkpoint([waitUpdate("nap", 30)]);
        return inv.get("nap")?.Status === "SUCCEEDED"
          ? { Status: "SUCCEEDED" }
          : { Status: "PENDING" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "sleeper" });
    expect((await engine.waitForExecution(execution.executionId)).status).toBe("SUCCEEDED");
    expect(store.stats.timerClaims).toBeGreaterThan(0);
    expect(await store.listTimers(execution.executionId)).toStrictEqual([]);
    await engine.stop();
  });

  it("wakes on the store's announcements, and looks again when they may have been missed", async () => {
    const shared = createMemoryStore();
    const clock = new VirtualClock(testEpoch);
    const announcing = new AnnouncingStore(shared);
    const worker = createEngine({ store: announcing, clock, functions: { job: succeed } });
    const front = createEngine({
      store: new InstrumentedStore(shared),
      clock,
      functions: { job: succeed },
    });
    worker.start();
    expect(announcing.listener).toBeDefined();
    const first = await front.startExecution({ functionName: "job" });
    await flush();
    expect((await shared.getExecution(first.execution.executionId))?.status).toBe("RUNNING");
    announcing.listener?.(clock.now());
    expect((await worker.waitForExecution(first.execution.executionId)).status).toBe("SUCCEEDED");
    const second = await front.startExecution({ functionName: "job" });
    announcing.listener?.(undefined); // the subscription restarted: wake-ups may have been lost
    expect((await worker.waitForExecution(second.execution.executionId)).status).toBe("SUCCEEDED");
    await worker.stop();
    expect(announcing.listener).toBeUndefined();
  });

  it("lets waitForExecution notice an execution another engine closed", async () => {
    const shared = createMemoryStore();
    const clock = new VirtualClock(testEpoch);
    const runner = createEngine({ store: shared, clock, functions: { job: succeed } });
    const waiter = createEngine({
      store: shared,
      clock,
      pollIntervalMs: 1000,
      functions: { job: succeed },
    });
    const { execution } = await waiter.startExecution({ functionName: "job" });
    const done = waiter.waitForExecution(execution.executionId);
    runner.start();
    await runner.whenIdle();
    clock.advanceBy(1000);
    expect(await done).toMatchObject({ status: "SUCCEEDED", result: '"done"' });
    await runner.stop();
  });
});
