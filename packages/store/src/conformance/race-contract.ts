/**
 * Races: writes and claims issued concurrently (on one store, and on two instances over the same
 * data when the adapter has them) behave as if applied one at a time.
 */
import { describe, expect, it } from "vitest";
import type { ClaimRequest } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import { newExecution, snapshot, step, stepEvent, t0, timer } from "./store-fixtures.ts";

const claim = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  workerId: "w1",
  now: t0 + 1000,
  leaseMs: 30_000,
  limit: 10,
  ...overrides,
});
const ids = (rows: { executionId: string }[]): string[] => rows.map((r) => r.executionId);

/** Registers the race tests. */
export function describeRaceContract(context: ContractContext): void {
  describe("concurrency", () => {
    it("creates exactly one execution when the same name is created concurrently", async () => {
      const { store } = context;
      const candidates = ["c1", "c2", "c3", "c4", "c5"];
      const results = await Promise.all(
        candidates.map((id) => store.createExecution(newExecution(id, { name: "same" }))),
      );
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      const winner = created[0]?.execution.executionId;
      expect(results.map((r) => r.execution.executionId)).toStrictEqual(
        candidates.map(() => winner),
      );
      expect((await store.listExecutions()).items).toHaveLength(1);
    });

    it("lets exactly one of two concurrent commits with the same expectedVersion win", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      const outcomes = await Promise.allSettled([
        store.commit({ executionId: "e1", expectedVersion: 1, operations: [step("e1", 2, "a")] }),
        store.commit({ executionId: "e1", expectedVersion: 1, operations: [step("e1", 2, "b")] }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === "rejected");
      expect((rejected?.reason as { code?: string } | undefined)?.code).toBe("CONFLICT");
      expect(await store.listOperations("e1")).toHaveLength(2);
      expect((await store.getExecution("e1"))?.version).toBe(2);
    });

    it("fails only the conflicting commit among concurrent commits on different executions", async () => {
      const { store } = context;
      await Promise.all(["a", "b", "c"].map((id) => store.createExecution(newExecution(id))));
      const outcomes = await Promise.allSettled([
        store.commit({ executionId: "a", expectedVersion: 1, events: [stepEvent(2, "x")] }),
        store.commit({ executionId: "b", expectedVersion: 7, events: [stepEvent(2, "x")] }),
        store.commit({ executionId: "c", expectedVersion: 1, events: [stepEvent(2, "x")] }),
      ]);
      expect(outcomes.map((o) => o.status)).toStrictEqual(["fulfilled", "rejected", "fulfilled"]);
      expect((await store.listEvents("a")).map((e) => e.EventId)).toStrictEqual([1, 2]);
      expect((await store.listEvents("b")).map((e) => e.EventId)).toStrictEqual([1]);
      expect((await store.getExecution("c"))?.version).toBe(2);
    });

    it("rolls a rejected commit back completely while concurrent commits succeed", async () => {
      const { store } = context;
      await Promise.all(["a", "b", "c"].map((id) => store.createExecution(newExecution(id))));
      const before = await snapshot(store, "b");
      const outcomes = await Promise.allSettled([
        store.commit({ executionId: "a", expectedVersion: 1, operations: [step("a", 2, "x")] }),
        // Valid up to its last operation, whose seq is taken: everything before it must be undone.
        store.commit({
          executionId: "b",
          expectedVersion: 1,
          execution: { status: "FAILED" },
          events: [stepEvent(2, "x")],
          setTimers: [timer("b", "t", t0)],
          operations: [step("b", 2, "x"), step("b", 1, "y")],
        }),
        store.commit({ executionId: "c", expectedVersion: 1, operations: [step("c", 2, "x")] }),
      ]);
      expect(outcomes.map((o) => o.status)).toStrictEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await snapshot(store, "b")).toStrictEqual(before);
      expect(await store.nextTimerDueAt()).toBeUndefined();
      expect((await store.getOperation("a", "x"))?.updatedVersion).toBe(2);
      expect((await store.getOperation("c", "x"))?.updatedVersion).toBe(2);
    });

    it("never gives one execution to two concurrent claimers", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      const results = await Promise.all([
        store.claimReady(claim({ workerId: "w1" })),
        store.claimReady(claim({ workerId: "w2" })),
      ]);
      expect(results.flat()).toHaveLength(1);
      const owner = results.flat()[0]?.leaseOwner;
      expect((await store.getExecution("e1"))?.leaseOwner).toBe(owner);
    });

    it("splits ready executions between concurrent claimers without overlap", async () => {
      const { store } = context;
      const all = Array.from({ length: 12 }, (_, i) => `e${String(i).padStart(2, "0")}`);
      await Promise.all(
        all.map((id, i) => store.createExecution(newExecution(id, { readyAt: t0 + i }))),
      );
      const results = await Promise.all(
        ["w1", "w2", "w3"].map((workerId) => store.claimReady(claim({ workerId, limit: 5 }))),
      );
      const claimed = results.flatMap(ids);
      expect(claimed.toSorted()).toStrictEqual(all);
      for (const rows of results)
        for (const row of rows)
          expect((await store.getExecution(row.executionId))?.leaseOwner).toBe(row.leaseOwner);
    });

    it("never gives one execution to claimers on two store instances over the same data", async (test) => {
      const { openPeer } = context.harness;
      if (openPeer === undefined)
        return test.skip("this adapter has no second instance over the same data");
      const peer = await openPeer();
      try {
        await context.store.createExecution(newExecution("e1", { readyAt: t0 }));
        for (let round = 1; round <= 3; round++) {
          const now = t0 + round * 100_000;
          const results = await Promise.all([
            context.store.claimReady(claim({ workerId: "here", now })),
            peer.claimReady(claim({ workerId: "peer", now })),
          ]);
          expect(results.flat()).toHaveLength(1);
          expect(results.flat()[0]?.generation).toBe(round);
        }
      } finally {
        await peer.close();
      }
    });
  });
}
