/**
 * Contract of createExecution, getExecution and findExecutionByName: atomic creation and
 * idempotency by (functionName, name).
 */
import { describe, expect, it } from "vitest";
import type { OperationRecord } from "../port/records.ts";
import type { ContractContext } from "./contract-context.ts";
import {
  callback,
  rejectionCode,
  newExecution,
  snapshot,
  step,
  t0,
  timer,
} from "./store-fixtures.ts";

/** Registers the execution-creation tests. */
export function describeExecutionContract(context: ContractContext): void {
  describe("createExecution / getExecution / findExecutionByName", () => {
    it("stores a new execution at version 1 with its operations, events and timers", async () => {
      const { store } = context;
      const input = newExecution("e1", { timers: [timer("e1", "t1", t0 + 5000)] });
      const carried: OperationRecord = { ...step("e1", 2, "s"), updatedVersion: 77 };
      input.operations.push(carried);
      const result = await store.createExecution(input);
      expect(result.created).toBe(true);
      expect(result.execution).toStrictEqual({ ...input.execution, version: 1 });
      expect(await store.getExecution("e1")).toStrictEqual(result.execution);
      expect(await store.findExecutionByName("orders", "name-e1")).toStrictEqual(result.execution);
      expect(await snapshot(store, "e1")).toStrictEqual({
        execution: result.execution,
        operations: [
          { ...input.operations[0], updatedVersion: 1 },
          { ...step("e1", 2, "s"), updatedVersion: 1 },
        ],
        events: input.events,
        timers: input.timers,
      });
      expect(await store.nextTimerDueAt()).toBe(t0 + 5000);
    });

    it("returns the existing execution with created:false and writes nothing when (functionName, name) exists", async () => {
      const { store } = context;
      const first = await store.createExecution(newExecution("e1", { name: "order-1" }));
      const before = await snapshot(store, "e1");
      const again = newExecution("e2", { name: "order-1", timers: [timer("e2", "t", t0)] });
      again.operations.push(callback("e2", 2, "cb", "callback-e2"));
      const result = await store.createExecution(again);
      expect(result).toStrictEqual({ execution: first.execution, created: false });
      expect(await snapshot(store, "e1")).toStrictEqual(before);
      expect(await store.getExecution("e2")).toBeUndefined();
      expect(await store.listTimers("e2")).toStrictEqual([]);
      expect(await store.findOperationByCallbackId("callback-e2")).toBeUndefined();
      expect(await store.nextTimerDueAt()).toBeUndefined();
      expect((await store.listExecutions()).items.map((e) => e.executionId)).toStrictEqual(["e1"]);
    });

    it("returns the current row of the existing execution, including commits made since", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { name: "order-1" }));
      const committed = await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { status: "SUCCEEDED" },
      });
      const result = await store.createExecution(newExecution("e2", { name: "order-1" }));
      expect(result).toStrictEqual({ execution: committed, created: false });
    });

    it("creates separate executions for the same name under different functions", async () => {
      const { store } = context;
      const a = await store.createExecution(
        newExecution("e1", { functionName: "orders", name: "n" }),
      );
      const b = await store.createExecution(
        newExecution("e2", { functionName: "refunds", name: "n" }),
      );
      expect([a.created, b.created]).toStrictEqual([true, true]);
      expect((await store.findExecutionByName("orders", "n"))?.executionId).toBe("e1");
      expect((await store.findExecutionByName("refunds", "n"))?.executionId).toBe("e2");
    });

    it("rejects an executionId already used by another name with ALREADY_EXISTS and writes nothing", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1", { name: "a" }));
      const before = await snapshot(store, "e1");
      expect(await rejectionCode(store.createExecution(newExecution("e1", { name: "b" })))).toBe(
        "ALREADY_EXISTS",
      );
      expect(await snapshot(store, "e1")).toStrictEqual(before);
      expect(await store.findExecutionByName("orders", "b")).toBeUndefined();
    });

    it("writes nothing when a new execution holds an operation of another execution", async () => {
      const { store } = context;
      const input = newExecution("e1", { timers: [timer("e1", "t", t0)] });
      input.operations.push(step("other", 2, "s1"));
      expect(await rejectionCode(store.createExecution(input))).toBe("INVALID_ARGUMENT");
      expect(await store.getExecution("e1")).toBeUndefined();
      expect(await store.findExecutionByName("orders", "name-e1")).toBeUndefined();
      expect(await store.listOperations("e1")).toStrictEqual([]);
      expect(await store.nextTimerDueAt()).toBeUndefined();
    });

    it("rejects events that are not numbered 1..n", async () => {
      const { store } = context;
      const input = newExecution("e1");
      input.events[0] = { ...input.events[0]!, EventId: 2 };
      input.execution.lastEventId = 2;
      expect(await rejectionCode(store.createExecution(input))).toBe("INVALID_ARGUMENT");
      expect(await store.getExecution("e1")).toBeUndefined();
    });

    it("rejects a lastEventId that does not match the events written", async () => {
      const { store } = context;
      const input = newExecution("e1");
      input.execution.lastEventId = 0;
      expect(await rejectionCode(store.createExecution(input))).toBe("INVALID_ARGUMENT");
      expect(await store.getExecution("e1")).toBeUndefined();
    });

    it("rejects two operations with the same seq, or the same id, in one new execution", async () => {
      const { store } = context;
      const sameSeq = newExecution("e1");
      sameSeq.operations.push(step("e1", 1, "s1"));
      expect(await rejectionCode(store.createExecution(sameSeq))).toBe("INVALID_ARGUMENT");
      const sameId = newExecution("e1");
      sameId.operations.push({
        ...step("e1", 2, "s1"),
        operation: { ...sameId.operations[0]!.operation },
      });
      expect(await rejectionCode(store.createExecution(sameId))).toBe("INVALID_ARGUMENT");
      expect(await store.getExecution("e1")).toBeUndefined();
    });

    it("rejects a callback id already held by an operation of another execution", async () => {
      const { store } = context;
      const first = newExecution("e1");
      first.operations.push(callback("e1", 2, "cb", "shared-callback"));
      await store.createExecution(first);
      const second = newExecution("e2");
      second.operations.push(callback("e2", 2, "cb", "shared-callback"));
      expect(await rejectionCode(store.createExecution(second))).toBe("INVALID_ARGUMENT");
      expect(await store.getExecution("e2")).toBeUndefined();
      expect((await store.findOperationByCallbackId("shared-callback"))?.executionId).toBe("e1");
    });

    it("rejects an empty executionId", async () => {
      expect(await rejectionCode(context.store.createExecution(newExecution("")))).toBe(
        "INVALID_ARGUMENT",
      );
    });

    it("returns undefined for an unknown execution id or name", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      expect(await store.getExecution("nope")).toBeUndefined();
      expect(await store.findExecutionByName("orders", "nope")).toBeUndefined();
      expect(await store.findExecutionByName("nope", "name-e1")).toBeUndefined();
    });
  });
}
