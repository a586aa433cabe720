/**
 * Contract of claimReady and nextReadyAt: which executions are claimable, in which order, what a
 * claim writes, and that concurrent claimers never share an execution.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionRecord } from "../port/records.ts";
import type { ClaimRequest } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import { rejectionCode, newExecution, seed, t0 } from "./store-fixtures.ts";

const claim = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  workerId: "w1",
  now: t0 + 1000,
  leaseMs: 30_000,
  limit: 10,
  ...overrides,
});
const ids = (rows: ExecutionRecord[]): string[] => rows.map((r) => r.executionId);

/** Registers the claim tests. */
export function describeClaimContract(context: ContractContext): void {
  describe("claimReady / nextReadyAt", () => {
    it("claims a ready execution: sets the lease, bumps generation and version, resets checkpointSeq, clears readyAt", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      const before = await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { readyAt: t0 + 500, checkpointSeq: 3 },
      });
      const claimed = await store.claimReady(claim());
      const { readyAt, ...rest } = before;
      expect(readyAt).toBe(t0 + 500);
      const expected = {
        ...rest,
        version: 3,
        generation: 1,
        checkpointSeq: 0,
        leaseOwner: "w1",
        leaseExpiresAt: t0 + 31_000,
      };
      expect(claimed).toStrictEqual([expected]);
      expect(await store.getExecution("e1")).toStrictEqual(expected);
    });

    it("claims an execution whose readyAt equals now", async () => {
      await context.store.createExecution(newExecution("e1", { readyAt: t0 + 1000 }));
      expect(ids(await context.store.claimReady(claim()))).toStrictEqual(["e1"]);
    });

    it("leaves alone executions that are not ready, finished, or leased", async () => {
      const { store } = context;
      await seed(store, [
        newExecution("future", { readyAt: t0 + 1001 }),
        newExecution("idle"),
        newExecution("done", { status: "SUCCEEDED", readyAt: t0 }),
        newExecution("leased", { readyAt: t0, leaseOwner: "w0", leaseExpiresAt: t0 + 1001 }),
      ]);
      expect(await store.claimReady(claim())).toStrictEqual([]);
      expect((await store.getExecution("leased"))?.version).toBe(1);
      expect(ids(await store.claimReady(claim({ now: t0 + 1001 })))).toStrictEqual([
        "leased",
        "future",
      ]);
    });

    it("reclaims an execution whose lease expired, even without readyAt", async () => {
      const { store } = context;
      await store.createExecution(
        newExecution("e1", { leaseOwner: "dead-worker", leaseExpiresAt: t0 + 1000 }),
      );
      const [row] = await store.claimReady(claim({ workerId: "w2" }));
      expect(row).toMatchObject({
        executionId: "e1",
        leaseOwner: "w2",
        leaseExpiresAt: t0 + 31_000,
        generation: 1,
        version: 2,
      });
    });

    it("does not hand out a claimed execution again until its lease expires", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      expect(await store.claimReady(claim({ leaseMs: 100 }))).toHaveLength(1);
      expect(await store.claimReady(claim({ workerId: "w2", now: t0 + 1099 }))).toStrictEqual([]);
      const [again] = await store.claimReady(claim({ workerId: "w2", now: t0 + 1100 }));
      expect(again).toMatchObject({ leaseOwner: "w2", generation: 2, version: 3 });
    });

    it("hands out the readiest first, by the earlier of readyAt and an expired lease, at most limit", async () => {
      const { store } = context;
      await seed(store, [
        newExecution("a", { readyAt: t0 + 5 }),
        newExecution("b", { readyAt: t0 + 1, leaseOwner: "dead", leaseExpiresAt: t0 + 10 }),
        newExecution("c", { leaseOwner: "dead", leaseExpiresAt: t0 + 3 }),
        newExecution("d", { readyAt: t0 + 2, leaseOwner: "alive", leaseExpiresAt: t0 + 5000 }),
        newExecution("e", { readyAt: t0 + 5 }),
      ]);
      expect(ids(await store.claimReady(claim({ limit: 2 })))).toStrictEqual(["b", "c"]);
      expect(ids(await store.claimReady(claim({ limit: 2 })))).toStrictEqual(["a", "e"]);
      expect(await store.claimReady(claim())).toStrictEqual([]);
    });

    it("fences the previous holder: a commit with the pre-claim version conflicts", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { readyAt: t0 }));
      const [claimed] = await store.claimReady(claim());
      expect(await rejectionCode(store.commit({ executionId: "e1", expectedVersion: 1 }))).toBe(
        "CONFLICT",
      );
      const row = await store.commit({
        executionId: "e1",
        expectedVersion: claimed!.version,
        execution: { checkpointSeq: 1 },
      });
      expect(row.version).toBe(claimed!.version + 1);
    });

    it("rejects claim requests without a worker, a positive lease or a limit of at least 1", async () => {
      const { store } = context;
      for (const bad of [
        claim({ workerId: "" }),
        claim({ leaseMs: 0 }),
        claim({ limit: 0 }),
        claim({ now: Number.NaN }),
      ]) {
        expect(await rejectionCode(store.claimReady(bad))).toBe("INVALID_ARGUMENT");
      }
    });

    it("reports when the next execution becomes claimable: its readyAt, or its lease expiry while leased", async () => {
      const { store } = context;
      expect(await store.nextReadyAt()).toBeUndefined();
      await seed(store, [
        newExecution("done", { status: "FAILED", readyAt: t0 }),
        newExecution("idle"),
      ]);
      expect(await store.nextReadyAt()).toBeUndefined();
      await seed(store, [newExecution("later", { readyAt: t0 + 50 })]);
      expect(await store.nextReadyAt()).toBe(t0 + 50);
      await seed(store, [
        newExecution("leased", { readyAt: t0 + 5, leaseOwner: "w", leaseExpiresAt: t0 + 30 }),
      ]);
      expect(await store.nextReadyAt()).toBe(t0 + 30);
      await store.claimReady(claim({ now: t0 + 30, leaseMs: 1000 }));
      expect(await store.nextReadyAt()).toBe(t0 + 50);
      await store.claimReady(claim({ now: t0 + 50, leaseMs: 100 }));
      expect(await store.nextReadyAt()).toBe(t0 + 150);
    });
  });
}
