import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const dayMs = 86_400_000;

describe("waits", () => {
  it("skips a 30-day wait in milliseconds while Date.now() jumps by 30 days", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const before = await ctx.step("before", async () => Date.now());
        await ctx.wait("cooling-off", { days: 30 });
        const after = await ctx.step("after", async () => Date.now());
        return after - before;
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toBeGreaterThanOrEqual(30 * dayMs);
    expect(result.getResult()).toBeLessThan(31 * dayMs);
  });

  it("reports the wait's duration and scheduled end through getWaitDetails", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const startedAt = await ctx.step("t0", async () => Date.now());
        await ctx.wait("reminder", { days: 1, hours: 2, minutes: 3, seconds: 4 });
        return startedAt;
      }),
    });

    const result = await runner.run();

    const reminder = runner.getOperation("reminder");
    const details = reminder.getWaitDetails();
    expect(details?.waitSeconds).toBe(86_400 + 2 * 3600 + 3 * 60 + 4);
    const scheduledEnd = details?.scheduledEndTimestamp?.getTime() ?? 0;
    expect(scheduledEnd - (result.getResult() as number)).toBeGreaterThanOrEqual(93_784_000);
    expect(reminder.getType()).toBe(OperationType.WAIT);
    expect(reminder.getSubType()).toBe("Wait");
    expect(reminder.getStatus()).toBe(OperationStatus.SUCCEEDED);
  });

  it("runs unnamed and named waits in sequence, each adding to the clock", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const t0 = await ctx.step(async () => Date.now());
        await ctx.wait({ hours: 5 });
        const t1 = await ctx.step(async () => Date.now());
        await ctx.wait("second", { minutes: 45 });
        const t2 = await ctx.step(async () => Date.now());
        return { first: t1 - t0, second: t2 - t1 };
      }),
    });

    const result = await runner.run();

    const { first, second } = result.getResult() as { first: number; second: number };
    expect(first).toBeGreaterThanOrEqual(5 * 3_600_000);
    expect(second).toBeGreaterThanOrEqual(45 * 60_000);
    expect(second).toBeLessThan(5 * 3_600_000);
    expect(runner.getOperationByIndex(1).getWaitDetails()?.waitSeconds).toBe(18_000);
    expect(runner.getOperation("second").getWaitDetails()?.waitSeconds).toBe(2_700);
  });

  it("runs parallel waits so the handler resumes after the longest one", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const t0 = await ctx.step("t0", async () => Date.now());
        await ctx.promise.all("both", [
          ctx.wait("short", { hours: 1 }),
          ctx.wait("long", { days: 2 }),
        ]);
        return (await ctx.step("t1", async () => Date.now())) - t0;
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toBeGreaterThanOrEqual(2 * dayMs);
    expect(result.getResult()).toBeLessThan(2 * dayMs + 3_600_000);
  });

  it("lets a test observe a wait that has started with waitForData", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        await ctx.wait("pause", { hours: 12 });
        return "done";
      }),
    });
    const pause = runner.getOperation("pause");

    const run = runner.run();
    await pause.waitForData(WaitingOperationStatus.STARTED);
    expect(pause.getWaitDetails()?.waitSeconds).toBe(43_200);
    await pause.waitForData(WaitingOperationStatus.COMPLETED);
    expect(pause.getStatus()).toBe(OperationStatus.SUCCEEDED);

    expect((await run).getResult()).toBe("done");
  });

  it("does not let a never-awaited long wait keep the execution alive", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        void ctx.wait("forgotten", { days: 365 });
        return await ctx.step("work", async () => "finished");
      }),
    });

    const before = Date.now();
    const result = await runner.run();

    expect(result.getResult()).toBe("finished");
    expect(runner.getOperation("forgotten").getStatus()).toBe(OperationStatus.STARTED);
    // Its timer was dropped with the run: the clock does not jump a year ahead afterwards.
    await new Promise((resolve) => setImmediate(resolve));
    expect(Date.now() - before).toBeLessThan(dayMs);
  });
});
