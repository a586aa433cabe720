/**
 * Contract of close: afterwards every method fails with code CLOSED.
 */
import { describe, expect, it } from "vitest";
import type { Store } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import { rejectionCode, newExecution, t0 } from "./store-fixtures.ts";

const calls: [string, (store: Store) => Promise<unknown>][] = [
  ["createExecution", (s) => s.createExecution(newExecution("e2"))],
  ["getExecution", (s) => s.getExecution("e1")],
  ["findExecutionByName", (s) => s.findExecutionByName("orders", "name-e1")],
  ["listExecutions", (s) => s.listExecutions()],
  ["listOperations", (s) => s.listOperations("e1")],
  ["getOperation", (s) => s.getOperation("e1", "e1-root")],
  ["findOperationByCallbackId", (s) => s.findOperationByCallbackId("x")],
  ["listEvents", (s) => s.listEvents("e1")],
  ["commit", (s) => s.commit({ executionId: "e1", expectedVersion: 1 })],
  ["listDueTimers", (s) => s.listDueTimers(t0, 10)],
  ["nextTimerDueAt", (s) => s.nextTimerDueAt()],
  ["listTimers", (s) => s.listTimers("e1")],
  ["claimReady", (s) => s.claimReady({ workerId: "w", now: t0, leaseMs: 1000, limit: 1 })],
  ["nextReadyAt", (s) => s.nextReadyAt()],
  [
    "renewLease",
    (s) => s.renewLease({ executionId: "e1", workerId: "w", generation: 0, leaseExpiresAt: t0 }),
  ],
  ["claimDueTimers", (s) => s.claimDueTimers({ now: t0, leaseMs: 1000, limit: 1 })],
  [
    "importExecution",
    (s) =>
      s.importExecution({
        ...newExecution("e3"),
        execution: { ...newExecution("e3").execution, version: 1 },
        operations: [],
        events: [],
      }),
  ],
];

/** Registers the close tests. */
export function describeCloseContract(context: ContractContext): void {
  describe("close", () => {
    it.each(calls)("rejects %s after close with CLOSED", async (_name, call) => {
      await context.store.createExecution(newExecution("e1"));
      await context.store.close();
      expect(await rejectionCode(call(context.store))).toBe("CLOSED");
    });

    it("can be called again once closed", async () => {
      await context.store.close();
      await expect(context.store.close()).resolves.toBeUndefined();
    });
  });
}
