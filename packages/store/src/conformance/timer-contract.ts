/**
 * Contract of durable timers: written by commits, read by due time.
 */
import { describe, expect, it } from "vitest";
import type { ContractContext } from "./contract-context.ts";
import { rejectionCode, newExecution, t0, timer } from "./store-fixtures.ts";

/** Registers the timer tests. */
export function describeTimerContract(context: ContractContext): void {
  describe("timers", () => {
    const timerIds = async (executionId: string): Promise<string[]> =>
      (await context.store.listTimers(executionId)).map((t) => t.timerId);

    it("sets, replaces and deletes timers through commits", async () => {
      const { store } = context;
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        setTimers: [timer("e1", "a", t0 + 30), timer("e1", "b", t0 + 20)],
      });
      expect(await store.listTimers("e1")).toStrictEqual([
        timer("e1", "b", t0 + 20),
        timer("e1", "a", t0 + 30),
      ]);
      const replaced = { ...timer("e1", "a", t0 + 10, "retry"), operationId: "other-op" };
      await store.commit({ executionId: "e1", expectedVersion: 2, setTimers: [replaced] });
      expect(await store.listTimers("e1")).toStrictEqual([replaced, timer("e1", "b", t0 + 20)]);
      await store.commit({
        executionId: "e1",
        expectedVersion: 3,
        deleteTimers: [{ executionId: "e1", timerId: "b" }],
      });
      expect(await store.listTimers("e1")).toStrictEqual([replaced]);
    });

    it("ignores the deletion of a timer that does not exist", async () => {
      await context.store.createExecution(newExecution("e1", { timers: [timer("e1", "a", t0)] }));
      const row = await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        deleteTimers: [{ executionId: "e1", timerId: "zz" }],
      });
      expect(row.version).toBe(2);
      expect(await timerIds("e1")).toStrictEqual(["a"]);
    });

    it("deletes before it sets, so one commit can delete and re-set the same timer", async () => {
      await context.store.createExecution(newExecution("e1", { timers: [timer("e1", "a", t0)] }));
      await context.store.commit({
        executionId: "e1",
        expectedVersion: 1,
        deleteTimers: [{ executionId: "e1", timerId: "a" }],
        setTimers: [timer("e1", "a", t0 + 99)],
      });
      expect(await context.store.listTimers("e1")).toStrictEqual([timer("e1", "a", t0 + 99)]);
    });

    it("keeps a timer without operationId without one", async () => {
      const bare = {
        executionId: "e1",
        timerId: "x",
        kind: "execution-timeout" as const,
        dueAt: t0,
      };
      await context.store.createExecution(newExecution("e1", { timers: [bare] }));
      expect(await context.store.listTimers("e1")).toStrictEqual([bare]);
      expect(await context.store.listDueTimers(t0, 10)).toStrictEqual([bare]);
    });

    it("lists due timers earliest first, ties by executionId then timerId, at most limit", async () => {
      const { store } = context;
      await store.createExecution(
        newExecution("b", { timers: [timer("b", "t2", t0 + 5), timer("b", "t1", t0 + 5)] }),
      );
      await store.createExecution(
        newExecution("a", { timers: [timer("a", "t9", t0 + 5), timer("a", "t0", t0 + 1)] }),
      );
      await store.createExecution(newExecution("c", { timers: [timer("c", "late", t0 + 100)] }));
      const due = (await store.listDueTimers(t0 + 5, 10)).map(
        (t) => `${t.executionId}/${t.timerId}`,
      );
      expect(due).toStrictEqual(["a/t0", "a/t9", "b/t1", "b/t2"]);
      expect((await store.listDueTimers(t0 + 5, 2)).map((t) => t.timerId)).toStrictEqual([
        "t0",
        "t9",
      ]);
      expect(await store.listDueTimers(t0, 10)).toStrictEqual([]);
      expect((await store.listDueTimers(t0 + 1000, 10)).map((t) => t.timerId)).toContain("late");
    });

    it("lists a timer due exactly at now and leaves due timers in place", async () => {
      await context.store.createExecution(
        newExecution("e1", { timers: [timer("e1", "a", t0 + 5)] }),
      );
      expect(await context.store.listDueTimers(t0 + 5, 1)).toStrictEqual([
        timer("e1", "a", t0 + 5),
      ]);
      expect(await context.store.listDueTimers(t0 + 5, 1)).toHaveLength(1);
      expect(await context.store.listDueTimers(t0 + 4, 1)).toStrictEqual([]);
    });

    it("reports the earliest due time, or undefined when there are no timers", async () => {
      const { store } = context;
      expect(await store.nextTimerDueAt()).toBeUndefined();
      await store.createExecution(newExecution("a", { timers: [timer("a", "x", t0 + 50)] }));
      await store.createExecution(newExecution("b", { timers: [timer("b", "y", t0 + 20)] }));
      expect(await store.nextTimerDueAt()).toBe(t0 + 20);
      await store.commit({
        executionId: "b",
        expectedVersion: 1,
        deleteTimers: [{ executionId: "b", timerId: "y" }],
      });
      expect(await store.nextTimerDueAt()).toBe(t0 + 50);
      await store.commit({
        executionId: "a",
        expectedVersion: 1,
        setTimers: [timer("a", "x", t0 + 70)],
      });
      expect(await store.nextTimerDueAt()).toBe(t0 + 70);
      await store.commit({
        executionId: "a",
        expectedVersion: 2,
        deleteTimers: [{ executionId: "a", timerId: "x" }],
      });
      expect(await store.nextTimerDueAt()).toBeUndefined();
    });

    it("lists only the timers of the given execution", async () => {
      await context.store.createExecution(
        newExecution("a", {
          timers: [timer("a", "x", t0 + 2), timer("a", "w", t0 + 2), timer("a", "v", t0 + 1)],
        }),
      );
      await context.store.createExecution(newExecution("b", { timers: [timer("b", "y", t0)] }));
      expect(await timerIds("a")).toStrictEqual(["v", "w", "x"]);
      expect(await timerIds("b")).toStrictEqual(["y"]);
    });

    it("rejects a listDueTimers limit below 1 or a non-finite now", async () => {
      expect(await rejectionCode(context.store.listDueTimers(t0, 0))).toBe("INVALID_ARGUMENT");
      expect(await rejectionCode(context.store.listDueTimers(Number.NaN, 1))).toBe(
        "INVALID_ARGUMENT",
      );
    });

    it("rejects a timer without a finite dueAt", async () => {
      await context.store.createExecution(newExecution("e1"));
      const bad = { ...timer("e1", "a", t0), dueAt: Number.POSITIVE_INFINITY };
      expect(
        await rejectionCode(
          context.store.commit({ executionId: "e1", expectedVersion: 1, setTimers: [bad] }),
        ),
      ).toBe("INVALID_ARGUMENT");
      expect(await context.store.listTimers("e1")).toStrictEqual([]);
    });
  });
}
