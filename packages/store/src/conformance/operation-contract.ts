/**
 * Contract of the operation and event reads: seq order, changedAfterVersion, callback ids and
 * event paging, plus the write rules on seq and callback ids.
 */
import { describe, expect, it } from "vitest";
import type { ContractContext } from "./contract-context.ts";
import {
  callback,
  rejectionCode,
  newExecution,
  snapshot,
  step,
  stepEvent,
} from "./store-fixtures.ts";

/** Registers the operation and event tests. */
export function describeOperationContract(context: ContractContext): void {
  describe("listOperations / getOperation / findOperationByCallbackId", () => {
    it("lists operations in seq order whatever order they were written in", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 4, "d"), step("e1", 2, "b")],
      });
      await store.commit({
        executionId: "e1",
        expectedVersion: 2,
        operations: [step("e1", 5, "e"), step("e1", 3, "c")],
      });
      const seqs = (await store.listOperations("e1")).map((r) => [r.seq, r.operation.Id]);
      expect(seqs).toStrictEqual([
        [1, "e1-root"],
        [2, "b"],
        [3, "c"],
        [4, "d"],
        [5, "e"],
      ]);
    });

    it("replaces a rewritten operation in place, keeping its seq position", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a"), step("e1", 3, "b")],
      });
      const done = step("e1", 2, "a", {
        Status: "SUCCEEDED",
        StepDetails: { Attempt: 1, Result: "42" },
      });
      await store.commit({ executionId: "e1", expectedVersion: 2, operations: [done] });
      const list = await store.listOperations("e1");
      expect(list.map((r) => r.operation.Id)).toStrictEqual(["e1-root", "a", "b"]);
      expect(list[1]).toStrictEqual({ ...done, updatedVersion: 3 });
    });

    it("returns only operations written after changedAfterVersion, in seq order", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a"), step("e1", 3, "b")],
      });
      await store.commit({
        executionId: "e1",
        expectedVersion: 2,
        operations: [step("e1", 4, "c"), step("e1", 2, "a", { Status: "SUCCEEDED" })],
      });
      await store.commit({ executionId: "e1", expectedVersion: 3 });
      const changed = async (version: number): Promise<unknown[]> =>
        (await store.listOperations("e1", { changedAfterVersion: version })).map((r) => [
          r.operation.Id,
          r.updatedVersion,
        ]);
      expect(await changed(0)).toStrictEqual([
        ["e1-root", 1],
        ["a", 3],
        ["b", 2],
        ["c", 3],
      ]);
      expect(await changed(1)).toStrictEqual([
        ["a", 3],
        ["b", 2],
        ["c", 3],
      ]);
      expect(await changed(2)).toStrictEqual([
        ["a", 3],
        ["c", 3],
      ]);
      expect(await changed(3)).toStrictEqual([]);
      expect(await changed(4)).toStrictEqual([]);
    });

    it("returns no operations, events or timers for an unknown execution", async () => {
      const { store } = context;
      expect(await store.listOperations("nope")).toStrictEqual([]);
      expect(await store.listOperations("nope", { changedAfterVersion: 0 })).toStrictEqual([]);
      expect(await store.listEvents("nope")).toStrictEqual([]);
      expect(await store.listTimers("nope")).toStrictEqual([]);
    });

    it("gets one operation, or undefined for an unknown operation or execution", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a")],
      });
      expect(await store.getOperation("e1", "a")).toStrictEqual({
        ...step("e1", 2, "a"),
        updatedVersion: 2,
      });
      expect(await store.getOperation("e1", "zz")).toBeUndefined();
      expect(await store.getOperation("nope", "a")).toBeUndefined();
    });

    it("finds an operation by callback id once a commit gives it one", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [callback("e1", 2, "cb")],
      });
      expect(await store.findOperationByCallbackId("callback-1")).toBeUndefined();
      await store.commit({
        executionId: "e1",
        expectedVersion: 2,
        operations: [callback("e1", 2, "cb", "callback-1")],
      });
      expect(await store.findOperationByCallbackId("callback-1")).toStrictEqual({
        ...callback("e1", 2, "cb", "callback-1"),
        updatedVersion: 3,
      });
    });

    it("follows the operation when its callback id changes", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [callback("e1", 2, "cb", "old-id")],
      });
      await store.commit({
        executionId: "e1",
        expectedVersion: 2,
        operations: [callback("e1", 2, "cb", "new-id")],
      });
      expect(await store.findOperationByCallbackId("old-id")).toBeUndefined();
      expect((await store.findOperationByCallbackId("new-id"))?.operation.Id).toBe("cb");
    });

    it("returns undefined for an unknown callback id", async () => {
      await context.store.createExecution(newExecution("e1"));
      expect(await context.store.findOperationByCallbackId("unknown")).toBeUndefined();
    });

    it("rejects a callback id held by another operation and writes nothing", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [callback("e1", 2, "cb1", "taken")],
      });
      const before = await snapshot(store, "e1");
      const change = {
        executionId: "e1",
        expectedVersion: 2,
        operations: [step("e1", 3, "s"), callback("e1", 4, "cb2", "taken")],
      };
      expect(await rejectionCode(store.commit(change))).toBe("INVALID_ARGUMENT");
      expect(await snapshot(store, "e1")).toStrictEqual(before);
      expect((await store.findOperationByCallbackId("taken"))?.operation.Id).toBe("cb1");
    });

    it("rejects an operation whose seq belongs to another operation and writes nothing", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      const before = await snapshot(store, "e1");
      expect(
        await rejectionCode(
          store.commit({ executionId: "e1", expectedVersion: 1, operations: [step("e1", 1, "a")] }),
        ),
      ).toBe("INVALID_ARGUMENT");
      expect(await snapshot(store, "e1")).toStrictEqual(before);
    });

    it("rejects a write that changes the seq of an existing operation and writes nothing", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a")],
      });
      const before = await snapshot(store, "e1");
      expect(
        await rejectionCode(
          store.commit({ executionId: "e1", expectedVersion: 2, operations: [step("e1", 7, "a")] }),
        ),
      ).toBe("INVALID_ARGUMENT");
      expect(await snapshot(store, "e1")).toStrictEqual(before);
    });

    it("rejects the same operation twice in one commit", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      const change = {
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a"), step("e1", 2, "a")],
      };
      expect(await rejectionCode(store.commit(change))).toBe("INVALID_ARGUMENT");
      expect((await store.getExecution("e1"))?.version).toBe(1);
    });
  });

  describe("listEvents", () => {
    async function seedEvents(): Promise<void> {
      await context.store.createExecution(newExecution("e1"));
      const events = [
        stepEvent(2, "a"),
        stepEvent(3, "a", "StepSucceeded"),
        stepEvent(4, "b"),
        stepEvent(5, "b", "StepSucceeded"),
      ];
      await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        events: events.slice(0, 2),
      });
      await context.store.commit({
        executionId: "e1",
        expectedVersion: 2,
        events: events.slice(2),
      });
    }
    const eventIds = async (query?: { afterEventId?: number; limit?: number }): Promise<number[]> =>
      (await context.store.listEvents("e1", query)).map((e) => e.EventId);

    it("lists every event in EventId order", async () => {
      await seedEvents();
      expect(await eventIds()).toStrictEqual([1, 2, 3, 4, 5]);
    });

    it("returns the events after afterEventId", async () => {
      await seedEvents();
      expect(await eventIds({ afterEventId: 3 })).toStrictEqual([4, 5]);
      expect(await eventIds({ afterEventId: 0 })).toStrictEqual([1, 2, 3, 4, 5]);
      expect(await eventIds({ afterEventId: 5 })).toStrictEqual([]);
      expect(await eventIds({ afterEventId: 99 })).toStrictEqual([]);
    });

    it("returns at most limit events", async () => {
      await seedEvents();
      expect(await eventIds({ limit: 2 })).toStrictEqual([1, 2]);
      expect(await eventIds({ afterEventId: 2, limit: 2 })).toStrictEqual([3, 4]);
      expect(await eventIds({ afterEventId: 4, limit: 10 })).toStrictEqual([5]);
    });

    it("rejects a limit below 1 or a negative afterEventId", async () => {
      await seedEvents();
      expect(await rejectionCode(context.store.listEvents("e1", { limit: 0 }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await rejectionCode(context.store.listEvents("e1", { afterEventId: -1 }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await rejectionCode(context.store.listEvents("e1", { limit: 1.5 }))).toBe(
        "INVALID_ARGUMENT",
      );
    });
  });
}
