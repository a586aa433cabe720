/**
 * Contract of what workers sharing a store rely on: claims limited to the functions a worker
 * hosts, lease renewal that leaves the version alone, and due timers handed to one claimer only.
 */
import { describe, expect, it } from "vitest";
import type { ClaimRequest } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import { newExecution, rejectionCode, seed, t0, timer } from "./store-fixtures.ts";

const claim = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  workerId: "w1",
  now: t0 + 1000,
  leaseMs: 30_000,
  limit: 10,
  ...overrides,
});
const ids = (rows: { executionId: string }[]): string[] => rows.map((r) => r.executionId);
const keys = (timers: { executionId: string; timerId: string }[]): string[] =>
  timers.map((t) => `${t.executionId}/${t.timerId}`);

/** Registers the worker tests. */
export function describeWorkerContract(context: ContractContext): void {
  describe("claims by function", () => {
    it("claims only executions of the functions named, readiest first", async () => {
      const { store } = context;
      await seed(store, [
        newExecution("a", { functionName: "orders", readyAt: t0 + 3 }),
        newExecution("b", { functionName: "emails", readyAt: t0 + 1 }),
        newExecution("c", { functionName: "refunds", readyAt: t0 + 2 }),
      ]);
      const claimed = await store.claimReady(claim({ functionNames: ["orders", "refunds"] }));
      expect(ids(claimed)).toStrictEqual(["c", "a"]);
      expect((await store.getExecution("b"))?.leaseOwner).toBeUndefined();
      expect(ids(await store.claimReady(claim()))).toStrictEqual(["b"]);
    });

    it("claims nothing for an empty list of functions", async () => {
      await context.store.createExecution(newExecution("a", { readyAt: t0 }));
      expect(await context.store.claimReady(claim({ functionNames: [] }))).toStrictEqual([]);
      expect(await context.store.nextReadyAt({ functionNames: [] })).toBeUndefined();
    });

    it("reports the next claimable instant among the functions named", async () => {
      const { store } = context;
      await seed(store, [
        newExecution("a", { functionName: "orders", readyAt: t0 + 30 }),
        newExecution("b", { functionName: "emails", readyAt: t0 + 10 }),
        newExecution("c", { functionName: "orders", leaseOwner: "w", leaseExpiresAt: t0 + 20 }),
      ]);
      expect(await store.nextReadyAt()).toBe(t0 + 10);
      expect(await store.nextReadyAt({ functionNames: ["orders"] })).toBe(t0 + 20);
      expect(await store.nextReadyAt({ functionNames: ["emails", "x"] })).toBe(t0 + 10);
      expect(await store.nextReadyAt({ functionNames: ["x"] })).toBeUndefined();
    });

    it("rejects a function filter that is not a list of names", async () => {
      const bad = { functionNames: "orders" } as unknown as Partial<ClaimRequest>;
      expect(await rejectionCode(context.store.claimReady(claim(bad)))).toBe("INVALID_ARGUMENT");
      expect(await rejectionCode(context.store.nextReadyAt({ functionNames: [1] as never }))).toBe(
        "INVALID_ARGUMENT",
      );
    });
  });

  describe("renewLease", () => {
    const renewal = {
      executionId: "e1",
      workerId: "w1",
      generation: 1,
      leaseExpiresAt: t0 + 90_000,
    };

    it("extends the lease without changing the version, so the holder's next commit applies", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      const [claimed] = await store.claimReady(claim());
      expect(await store.renewLease(renewal)).toBe(true);
      const row = await store.getExecution("e1");
      expect(row).toStrictEqual({ ...claimed, leaseExpiresAt: t0 + 90_000 });
      // Not claimable at the old expiry any more, and the next instant is the new one.
      expect(await store.claimReady(claim({ workerId: "w2", now: t0 + 31_000 }))).toStrictEqual([]);
      expect(await store.nextReadyAt()).toBe(t0 + 90_000);
      const committed = await store.commit({
        executionId: "e1",
        expectedVersion: claimed!.version,
        execution: { checkpointSeq: 1 },
      });
      expect(committed.leaseExpiresAt).toBe(t0 + 90_000);
    });

    it("refuses, writing nothing, once another claim took the lease or for another worker", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      await store.claimReady(claim({ leaseMs: 100 }));
      expect(await store.renewLease({ ...renewal, workerId: "w9" })).toBe(false);
      await store.claimReady(claim({ workerId: "w2", now: t0 + 2000 }));
      const before = await store.getExecution("e1");
      expect(await store.renewLease(renewal)).toBe(false);
      expect(await store.renewLease({ ...renewal, workerId: "w2" })).toBe(false);
      expect(await store.getExecution("e1")).toStrictEqual(before);
      expect(await store.renewLease({ ...renewal, workerId: "w2", generation: 2 })).toBe(true);
    });

    it("refuses for an execution that is closed or unknown", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      const [claimed] = await store.claimReady(claim());
      await store.commit({
        executionId: "e1",
        expectedVersion: claimed!.version,
        execution: { status: "SUCCEEDED" },
      });
      expect(await store.renewLease(renewal)).toBe(false);
      expect(await store.renewLease({ ...renewal, executionId: "nope" })).toBe(false);
    });

    it("rejects a renewal without a worker, a generation or a finite expiry", async () => {
      for (const bad of [
        { ...renewal, workerId: "" },
        { ...renewal, generation: -1 },
        { ...renewal, leaseExpiresAt: Number.NaN },
      ]) {
        expect(await rejectionCode(context.store.renewLease(bad))).toBe("INVALID_ARGUMENT");
      }
    });
  });

  describe("claimDueTimers", () => {
    it("hands out due timers earliest first, as they were, and moves them to the claim's end", async () => {
      const { store } = context;
      await store.createExecution(
        newExecution("a", { timers: [timer("a", "t2", t0 + 20), timer("a", "late", t0 + 5000)] }),
      );
      await store.createExecution(newExecution("b", { timers: [timer("b", "t1", t0 + 10)] }));
      const claimed = await store.claimDueTimers({ now: t0 + 100, leaseMs: 1000, limit: 10 });
      expect(claimed).toStrictEqual([timer("b", "t1", t0 + 10), timer("a", "t2", t0 + 20)]);
      expect(await store.listTimers("b")).toStrictEqual([timer("b", "t1", t0 + 1100)]);
      expect(await store.claimDueTimers({ now: t0 + 100, leaseMs: 1000, limit: 10 })).toStrictEqual(
        [],
      );
      expect(await store.nextTimerDueAt()).toBe(t0 + 1100);
      // A claimer that died: its timers fall due again when the claim ends.
      const again = await store.claimDueTimers({ now: t0 + 1100, leaseMs: 1000, limit: 1 });
      expect(again).toStrictEqual([timer("a", "t2", t0 + 1100)]);
    });

    it("lets a commit delete or replace a claimed timer", async () => {
      const { store } = context;
      await store.createExecution(
        newExecution("a", { timers: [timer("a", "x", t0), timer("a", "y", t0)] }),
      );
      await store.claimDueTimers({ now: t0, leaseMs: 1000, limit: 10 });
      await store.commit({
        executionId: "a",
        expectedVersion: 1,
        deleteTimers: [{ executionId: "a", timerId: "x" }],
        setTimers: [timer("a", "y", t0 + 50)],
      });
      expect(await store.listTimers("a")).toStrictEqual([timer("a", "y", t0 + 50)]);
    });

    it("never hands one timer to two concurrent claimers", async () => {
      const { store, harness } = context;
      const peer = harness.openPeer === undefined ? store : await harness.openPeer();
      try {
        const all = Array.from({ length: 12 }, (_, i) => timer("e", `t${i}`, t0 + i));
        await store.createExecution(newExecution("e", { timers: all }));
        const request = { now: t0 + 100, leaseMs: 1000, limit: 5 };
        const results = await Promise.all([
          store.claimDueTimers(request),
          peer.claimDueTimers(request),
          store.claimDueTimers(request),
        ]);
        expect(keys(results.flat()).toSorted()).toStrictEqual(keys(all).toSorted());
      } finally {
        if (peer !== store) await peer.close();
      }
    });

    it("rejects a claim without a finite now, a positive lease or a limit of at least 1", async () => {
      for (const bad of [
        { now: Number.NaN, leaseMs: 1, limit: 1 },
        { now: t0, leaseMs: 0, limit: 1 },
        { now: t0, leaseMs: 1, limit: 0 },
      ]) {
        expect(await rejectionCode(context.store.claimDueTimers(bad))).toBe("INVALID_ARGUMENT");
      }
    });
  });
}
