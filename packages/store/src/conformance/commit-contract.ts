/**
 * Contract of commit: the version check, the patch semantics, operations stamped with the new
 * version, events appended in order, and nothing written when a commit is rejected.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionCommit } from "../port/store.ts";
import type { ContractContext } from "./contract-context.ts";
import {
  rejectionCode,
  rejectionOf,
  newExecution,
  snapshot,
  step,
  stepEvent,
  t0,
  timer,
} from "./store-fixtures.ts";

/** A commit touching every part of an execution, for the "nothing written" checks. */
function fullCommit(expectedVersion: number): ExecutionCommit {
  return {
    executionId: "e1",
    expectedVersion,
    execution: { status: "SUCCEEDED", result: '"done"', readyAt: t0, endedAt: t0 + 1 },
    operations: [
      step("e1", 2, "a"),
      step("e1", 1, "e1-root", { Type: "EXECUTION", Status: "SUCCEEDED" }),
    ],
    events: [stepEvent(2, "a")],
    setTimers: [timer("e1", "t2", t0 + 50)],
    deleteTimers: [{ executionId: "e1", timerId: "t1" }],
  };
}

/** Registers the commit tests. */
export function describeCommitContract(context: ContractContext): void {
  describe("commit", () => {
    const create = async (): Promise<void> => {
      await context.store.createExecution(
        newExecution("e1", { timers: [timer("e1", "t1", t0 + 10)] }),
      );
    };

    it("bumps the version by one and returns the updated row", async () => {
      await create();
      const row = await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { checkpointSeq: 1 },
      });
      expect(row.version).toBe(2);
      expect(row.checkpointSeq).toBe(1);
      expect(await context.store.getExecution("e1")).toStrictEqual(row);
      expect((await context.store.commit({ executionId: "e1", expectedVersion: 2 })).version).toBe(
        3,
      );
    });

    it("rejects a stale expectedVersion with CONFLICT and writes nothing", async () => {
      const { store } = context;
      await create();
      await store.commit({ executionId: "e1", expectedVersion: 1 });
      const before = await snapshot(store, "e1");
      const nextTimer = await store.nextTimerDueAt();
      const error = await rejectionOf(store.commit(fullCommit(1)));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain("e1");
      expect(await snapshot(store, "e1")).toStrictEqual(before);
      expect(await store.nextTimerDueAt()).toBe(nextTimer);
      expect(await store.nextReadyAt()).toBeUndefined();
    });

    it("rejects an expectedVersion ahead of the stored one with CONFLICT", async () => {
      await create();
      const before = await snapshot(context.store, "e1");
      expect(await rejectionCode(context.store.commit(fullCommit(5)))).toBe("CONFLICT");
      expect(await snapshot(context.store, "e1")).toStrictEqual(before);
    });

    it("applies a full commit once the version matches", async () => {
      await create();
      const row = await context.store.commit(fullCommit(1));
      expect(row).toMatchObject({
        version: 2,
        status: "SUCCEEDED",
        result: '"done"',
        lastEventId: 2,
      });
      expect(
        (await context.store.listOperations("e1")).map((r) => [r.operation.Id, r.operation.Status]),
      ).toStrictEqual([
        ["e1-root", "SUCCEEDED"],
        ["a", "STARTED"],
      ]);
      expect((await context.store.listTimers("e1")).map((t) => t.timerId)).toStrictEqual(["t2"]);
    });

    it("rejects a commit on an unknown execution with NOT_FOUND", async () => {
      await create();
      const error = await rejectionOf(
        context.store.commit({ executionId: "ghost", expectedVersion: 1 }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toContain("ghost");
    });

    it("sets patched fields and leaves absent fields unchanged", async () => {
      await create();
      const before = (await context.store.getExecution("e1"))!;
      const row = await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: {
          status: "FAILED",
          error: { ErrorType: "Boom", ErrorMessage: "it broke" },
          endedAt: t0 + 9,
          generation: 4,
        },
      });
      expect(row).toStrictEqual({
        ...before,
        version: 2,
        status: "FAILED",
        error: { ErrorType: "Boom", ErrorMessage: "it broke" },
        endedAt: t0 + 9,
        generation: 4,
      });
    });

    it("clears optional fields patched with null", async () => {
      await create();
      const set = await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: {
          result: "1",
          error: { ErrorMessage: "x" },
          endedAt: t0,
          readyAt: t0,
          leaseOwner: "w",
          leaseExpiresAt: t0,
          attributes: { parent: "p" },
        },
      });
      const cleared = await context.store.commit({
        executionId: "e1",
        expectedVersion: 2,
        execution: {
          result: null,
          error: null,
          endedAt: null,
          readyAt: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          attributes: null,
        },
      });
      const { result, error, endedAt, readyAt, leaseOwner, leaseExpiresAt, attributes, ...rest } =
        set;
      expect(
        [result, error, endedAt, readyAt, leaseOwner, leaseExpiresAt, attributes].every(
          (v) => v !== undefined,
        ),
      ).toBe(true);
      expect(cleared).toStrictEqual({ ...rest, version: 3 });
      expect(await context.store.getExecution("e1")).toStrictEqual(cleared);
    });

    it("stamps written operations with the new version and leaves the others alone", async () => {
      await create();
      await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a"), step("e1", 3, "b")],
      });
      await context.store.commit({
        executionId: "e1",
        expectedVersion: 2,
        operations: [step("e1", 3, "b", { Status: "SUCCEEDED" })],
      });
      const versions = (await context.store.listOperations("e1")).map((r) => [
        r.operation.Id,
        r.updatedVersion,
      ]);
      expect(versions).toStrictEqual([
        ["e1-root", 1],
        ["a", 2],
        ["b", 3],
      ]);
    });

    it("appends events in order and advances lastEventId", async () => {
      await create();
      const row = await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        events: [stepEvent(2, "a"), stepEvent(3, "a", "StepSucceeded")],
      });
      expect(row.lastEventId).toBe(3);
      const next = await context.store.commit({
        executionId: "e1",
        expectedVersion: 2,
        events: [stepEvent(4, "b")],
        execution: { lastEventId: 4 },
      });
      expect(next.lastEventId).toBe(4);
      expect(
        (await context.store.listEvents("e1")).map((e) => [e.EventId, e.EventType]),
      ).toStrictEqual([
        [1, "ExecutionStarted"],
        [2, "StepStarted"],
        [3, "StepSucceeded"],
        [4, "StepStarted"],
      ]);
    });

    it("rejects events that do not follow lastEventId and writes nothing", async () => {
      await create();
      const before = await snapshot(context.store, "e1");
      for (const events of [
        [stepEvent(3, "a")],
        [stepEvent(1, "a")],
        [stepEvent(2, "a"), stepEvent(4, "a")],
      ]) {
        expect(
          await rejectionCode(
            context.store.commit({
              executionId: "e1",
              expectedVersion: 1,
              events,
              operations: [step("e1", 2, "a")],
            }),
          ),
        ).toBe("INVALID_ARGUMENT");
      }
      expect(await snapshot(context.store, "e1")).toStrictEqual(before);
    });

    it("rejects a patched lastEventId that does not match the events appended", async () => {
      await create();
      const change = {
        executionId: "e1",
        expectedVersion: 1,
        events: [stepEvent(2, "a")],
        execution: { lastEventId: 5 },
      };
      expect(await rejectionCode(context.store.commit(change))).toBe("INVALID_ARGUMENT");
      expect((await context.store.getExecution("e1"))?.lastEventId).toBe(1);
    });

    it("rejects operations or timers of another execution and writes nothing", async () => {
      await create();
      const before = await snapshot(context.store, "e1");
      const changes: ExecutionCommit[] = [
        { executionId: "e1", expectedVersion: 1, operations: [step("e2", 2, "a")] },
        { executionId: "e1", expectedVersion: 1, setTimers: [timer("e2", "t", t0)] },
        {
          executionId: "e1",
          expectedVersion: 1,
          deleteTimers: [{ executionId: "e2", timerId: "t" }],
        },
      ];
      for (const change of changes)
        expect(await rejectionCode(context.store.commit(change))).toBe("INVALID_ARGUMENT");
      expect(await snapshot(context.store, "e1")).toStrictEqual(before);
    });

    it("rejects an expectedVersion that is not a non-negative integer", async () => {
      await create();
      expect(
        await rejectionCode(context.store.commit({ executionId: "e1", expectedVersion: 1.5 })),
      ).toBe("INVALID_ARGUMENT");
      expect(
        await rejectionCode(context.store.commit({ executionId: "e1", expectedVersion: -1 })),
      ).toBe("INVALID_ARGUMENT");
    });
  });
}
