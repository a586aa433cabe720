/**
 * Contract of importExecution: an execution copied from another store reads back exactly as it
 * was there (versions included), once, and an import that does not fit writes nothing.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionImport } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import {
  callback,
  newExecution,
  rejectionCode,
  snapshot,
  step,
  stepEvent,
  t0,
  timer,
} from "./store-fixtures.ts";

/** An execution as another store holds it after a few commits: version 7, mixed updatedVersions. */
function exported(executionId: string, name = `name-${executionId}`): ExecutionImport {
  const start = newExecution(executionId, { name });
  return {
    execution: {
      ...start.execution,
      version: 7,
      generation: 3,
      checkpointSeq: 2,
      lastEventId: 3,
      readyAt: t0 + 500,
      leaseOwner: "old-worker",
      leaseExpiresAt: t0 + 400,
      attributes: { lastInvocationVersion: 5 },
    },
    operations: [
      { ...start.operations[0]!, updatedVersion: 1 },
      { ...step(executionId, 2, "s1", { Status: "SUCCEEDED" }), updatedVersion: 4 },
      { ...callback(executionId, 3, "c1", `cb-${executionId}`), updatedVersion: 7 },
    ],
    events: [...start.events, stepEvent(2, "s1"), stepEvent(3, "s1", "StepSucceeded")],
    timers: [timer(executionId, "w", t0 + 900)],
  };
}

/** Registers the import tests. */
export function describeImportContract(context: ContractContext): void {
  describe("importExecution", () => {
    it("writes the execution exactly as given and reads it back unchanged", async () => {
      const { store } = context;
      const input = exported("e1");
      expect(await store.importExecution(input)).toBe(true);
      const stored = await snapshot(store, "e1");
      expect(stored).toStrictEqual({
        execution: input.execution,
        operations: input.operations,
        events: input.events,
        timers: input.timers,
      });
      expect(
        (await store.listOperations("e1", { changedAfterVersion: 4 })).map((r) => r.operation.Id),
      ).toStrictEqual(["c1"]);
      expect((await store.findOperationByCallbackId("cb-e1"))?.operation.Id).toBe("c1");
      expect((await store.findExecutionByName("orders", "name-e1"))?.version).toBe(7);
      expect(await store.nextReadyAt()).toBe(t0 + 400);
      const next = await store.commit({ executionId: "e1", expectedVersion: 7 });
      expect(next.version).toBe(8);
    });

    it("skips an execution whose id exists, changing nothing", async () => {
      const { store } = context;
      await store.importExecution(exported("e1"));
      const before = await snapshot(store, "e1");
      const changed = { ...exported("e1"), timers: [] };
      expect(await store.importExecution(changed)).toBe(false);
      expect(await snapshot(store, "e1")).toStrictEqual(before);
    });

    it("refuses an execution whose name another execution holds, with ALREADY_EXISTS", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { name: "same" }));
      expect(await rejectionCode(store.importExecution(exported("e2", "same")))).toBe(
        "ALREADY_EXISTS",
      );
      expect(await store.getExecution("e2")).toBeUndefined();
    });

    it("refuses, writing nothing, records that do not fit together or a callback id already held", async () => {
      const { store } = context;
      await store.importExecution(exported("e1"));
      const good = exported("e2");
      const taken = {
        ...good,
        operations: [
          ...good.operations.slice(0, 2),
          { ...callback("e2", 3, "c1", "cb-e1"), updatedVersion: 7 },
        ],
      };
      const gap = { ...good, events: good.events.slice(1) };
      const newer = {
        ...good,
        operations: [{ ...good.operations[0]!, updatedVersion: 8 }],
      };
      const foreign = { ...good, timers: [timer("e1", "x", t0)] };
      for (const bad of [taken, gap, newer, foreign]) {
        expect(await rejectionCode(store.importExecution(bad))).toBe("INVALID_ARGUMENT");
        expect(await snapshot(store, "e2")).toStrictEqual({
          execution: undefined,
          operations: [],
          events: [],
          timers: [],
        });
      }
    });
  });
}
