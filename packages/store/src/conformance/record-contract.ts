/**
 * Contract of record fidelity: what goes in comes back equal (Dates as Dates, absent fields
 * absent), and neither the objects passed in nor those handed out share state with the store.
 */
import type { Event, Operation } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import type { ContractContext } from "./contract-context.ts";
import { newExecution, snapshot, stepEvent, t0, timer } from "./store-fixtures.ts";

const richOperations: Operation[] = [
  {
    Id: "step-1",
    ParentId: "ctx-1",
    Name: "charge card",
    Type: "STEP",
    SubType: "Step",
    StartTimestamp: new Date(t0 + 1),
    EndTimestamp: new Date(t0 + 2),
    Status: "PENDING",
    StepDetails: {
      Attempt: 2,
      NextAttemptTimestamp: new Date(t0 + 3),
      Error: {
        ErrorType: "CardDeclined",
        ErrorMessage: "declined",
        ErrorData: '{"code":51}',
        StackTrace: ["at a", "at b"],
      },
    },
  },
  {
    Id: "wait-1",
    Type: "WAIT",
    SubType: "Wait",
    Status: "STARTED",
    StartTimestamp: new Date(t0),
    WaitDetails: { ScheduledEndTimestamp: new Date(t0 + 86_400_000) },
  },
  {
    Id: "ctx-1",
    Type: "CONTEXT",
    SubType: "RunInChildContext",
    Status: "SUCCEEDED",
    StartTimestamp: new Date(t0),
    ContextDetails: { ReplayChildren: true, Result: "" },
  },
  {
    Id: "cb-1",
    Type: "CALLBACK",
    Status: "FAILED",
    StartTimestamp: new Date(t0),
    CallbackDetails: { CallbackId: "Y2Itcm91bmQ=", Error: {} },
  },
  {
    Id: "inv-1",
    Type: "CHAINED_INVOKE",
    Status: "SUCCEEDED",
    StartTimestamp: new Date(t0),
    ChainedInvokeDetails: { Result: '{"ok":true}' },
  },
  { Id: "bare", Type: "STEP", Status: "STARTED" },
];

const richEvents: Event[] = [
  {
    EventType: "WaitStarted",
    EventId: 2,
    EventTimestamp: new Date(t0 + 5),
    Id: "wait-1",
    SubType: "Wait",
    WaitStartedDetails: { Duration: 86_400, ScheduledEndTimestamp: new Date(t0 + 86_400_005) },
  },
  {
    EventType: "StepFailed",
    EventId: 3,
    EventTimestamp: new Date(t0 + 6),
    Id: "step-1",
    ParentId: "ctx-1",
    Name: "charge card",
    SubType: "Step",
    StepFailedDetails: {
      Error: { Payload: { ErrorType: "CardDeclined", StackTrace: ["at a"] }, Truncated: false },
      RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
    },
  },
  {
    EventType: "CallbackStarted",
    EventId: 4,
    EventTimestamp: new Date(t0 + 7),
    Id: "cb-1",
    CallbackStartedDetails: { CallbackId: "Y2I=", Timeout: 60, HeartbeatTimeout: 10 },
  },
  {
    EventType: "ContextStarted",
    EventId: 5,
    EventTimestamp: new Date(t0 + 8),
    Id: "ctx-1",
    ContextStartedDetails: {},
  },
  {
    EventType: "InvocationCompleted",
    EventId: 6,
    EventTimestamp: new Date(t0 + 9),
    InvocationCompletedDetails: {
      StartTimestamp: new Date(t0 + 1),
      EndTimestamp: new Date(t0 + 9),
      RequestId: "req-1",
      Error: { Payload: { ErrorMessage: "boom" } },
    },
  },
];

/** Registers the fidelity tests. */
export function describeRecordContract(context: ContractContext): void {
  describe("record fidelity and isolation", () => {
    it("returns operations exactly as written, with Dates as Date objects and absent fields absent", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: richOperations.map((operation, i) => ({
          executionId: "e1",
          seq: i + 2,
          operation,
        })),
      });
      const stored = (await store.listOperations("e1")).slice(1).map((r) => r.operation);
      expect(stored).toStrictEqual(richOperations);
      expect(stored[0]?.StepDetails?.NextAttemptTimestamp).toBeInstanceOf(Date);
      expect(stored[1]?.WaitDetails?.ScheduledEndTimestamp?.getTime()).toBe(t0 + 86_400_000);
      expect(Object.keys(stored[5] ?? {}).toSorted()).toStrictEqual(["Id", "Status", "Type"]);
      expect((await store.getOperation("e1", "step-1"))?.operation).toStrictEqual(
        richOperations[0],
      );
      expect((await store.findOperationByCallbackId("Y2Itcm91bmQ="))?.operation).toStrictEqual(
        richOperations[3],
      );
    });

    it("returns events exactly as written, with Dates as Date objects", async () => {
      const { store } = context;
      const input = newExecution("e1");
      await store.createExecution(input);
      await store.commit({ executionId: "e1", expectedVersion: 1, events: richEvents });
      const events = await store.listEvents("e1");
      expect(events).toStrictEqual([...input.events, ...richEvents]);
      expect(events[5]?.InvocationCompletedDetails?.StartTimestamp).toBeInstanceOf(Date);
      expect(events[1]?.WaitStartedDetails?.ScheduledEndTimestamp?.getTime()).toBe(t0 + 86_400_005);
    });

    it("round-trips an execution row with error, timeout and nested attributes", async () => {
      const { store } = context;
      const input = newExecution("e1");
      input.execution.timeoutSeconds = 3600;
      input.execution.attributes = {
        parent: { executionId: "p", operationId: "op" },
        tags: ["a", "b"],
        depth: 2,
        flag: true,
        none: null,
      };
      input.execution.error = { ErrorType: "E", StackTrace: [] };
      const { execution } = await store.createExecution(input);
      expect(execution).toStrictEqual({ ...input.execution, version: 1 });
      expect(await store.getExecution("e1")).toStrictEqual({ ...input.execution, version: 1 });
    });

    it("leaves optional execution fields that were not given absent", async () => {
      const input = newExecution("e1");
      delete input.execution.input;
      await context.store.createExecution(input);
      const row = await context.store.getExecution("e1");
      expect(Object.keys(row ?? {}).toSorted()).toStrictEqual([
        "checkpointSeq",
        "executionId",
        "functionName",
        "generation",
        "lastEventId",
        "name",
        "startedAt",
        "status",
        "version",
      ]);
    });

    it("stores large payloads and non-ASCII text unchanged", async () => {
      const { store } = context;
      const big = JSON.stringify("x".repeat(1_000_000));
      const text = 'Grüße 👋 — 日本語 \u0000 \\ "quoted"';
      await store.createExecution(newExecution("e1", { name: text }));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { result: big },
        operations: [
          {
            executionId: "e1",
            seq: 2,
            operation: {
              Id: "s",
              Type: "STEP",
              Status: "SUCCEEDED",
              Name: text,
              StepDetails: { Result: big },
            },
          },
        ],
      });
      expect((await store.getExecution("e1"))?.result).toBe(big);
      expect((await store.getOperation("e1", "s"))?.operation.StepDetails?.Result).toBe(big);
      expect((await store.findExecutionByName("orders", text))?.executionId).toBe("e1");
    });

    it("is not affected by later changes to the objects passed in", async () => {
      const { store } = context;
      const input = newExecution("e1", { timers: [timer("e1", "t", t0)] });
      input.execution.attributes = { nested: { value: 1 } };
      await store.createExecution(input);
      const operation: Operation = {
        Id: "s",
        Type: "STEP",
        Status: "STARTED",
        StartTimestamp: new Date(t0),
        StepDetails: { Error: { StackTrace: ["a"] } },
      };
      const event = stepEvent(2, "s");
      const patchError = { ErrorMessage: "before" };
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [{ executionId: "e1", seq: 2, operation }],
        events: [event],
        execution: { error: patchError },
      });
      const before = await snapshot(store, "e1");
      (input.execution.attributes.nested as { value: number }).value = 2;
      input.operations[0]!.operation.Status = "FAILED";
      input.timers[0]!.dueAt = 0;
      operation.StartTimestamp!.setTime(0);
      operation.StepDetails!.Error!.StackTrace!.push("b");
      event.EventTimestamp.setTime(0);
      patchError.ErrorMessage = "after";
      expect(await snapshot(store, "e1")).toStrictEqual(before);
    });

    it("is not affected by changes to the objects it returned", async () => {
      const { store } = context;
      const input = newExecution("e1", { timers: [timer("e1", "t", t0)] });
      input.execution.attributes = { nested: { value: 1 } };
      input.execution.error = { StackTrace: ["a"] };
      const created = await store.createExecution(input);
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [{ executionId: "e1", seq: 2, operation: richOperations[0]! }],
      });
      const before = await snapshot(store, "e1");
      const got = {
        execution: await store.getExecution("e1"),
        operations: await store.listOperations("e1"),
        events: await store.listEvents("e1"),
        timers: await store.listTimers("e1"),
      };
      (created.execution.attributes!.nested as { value: number }).value = 9;
      got.execution!.error!.StackTrace!.push("mutated");
      got.execution!.status = "FAILED";
      got.operations[1]!.operation.StepDetails!.NextAttemptTimestamp!.setTime(0);
      got.operations[1]!.operation.StepDetails!.Error!.StackTrace!.push("mutated");
      got.operations[0]!.updatedVersion = 99;
      got.events[0]!.EventTimestamp.setTime(0);
      got.events[0]!.ExecutionStartedDetails!.Input!.Payload = "mutated";
      got.timers[0]!.dueAt = 0;
      (await store.listDueTimers(t0, 10))[0]!.timerId = "mutated";
      (await store.listExecutions()).items[0]!.name = "mutated";
      (await store.getOperation("e1", "step-1"))!.operation.Status = "FAILED";
      expect(await snapshot(store, "e1")).toStrictEqual(before);
      expect(await store.listDueTimers(t0, 10)).toStrictEqual(before.timers);
      expect((await store.listExecutions()).items).toStrictEqual([before.execution]);
      expect((await store.findExecutionByName("orders", "name-e1"))?.attributes).toStrictEqual({
        nested: { value: 1 },
      });
    });
  });
}
