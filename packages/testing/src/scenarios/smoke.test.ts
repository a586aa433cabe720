import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDurableTestRunner, OperationStatus, WaitingOperationStatus } from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("smoke", () => {
  it("runs steps and a day-long wait in milliseconds", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (event: { n: number }, ctx: DurableContext) => {
        const a = await ctx.step("double", async () => event.n * 2);
        const before = await ctx.step("t0", async () => Date.now());
        await ctx.wait("nap", { days: 1 });
        const slept = await ctx.step("measure", async () => Date.now() - before);
        return { a, sleptADay: slept >= 86_400_000 };
      }),
    });
    const result = await runner.run({ payload: { n: 21 } });
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ a: 42, sleptADay: true });
    expect(runner.getOperation("double").getStepDetails()?.result).toBe(42);
    expect(runner.getOperation("nap").getWaitDetails()?.waitSeconds).toBe(86_400);
    expect(result.getOperations({ status: OperationStatus.SUCCEEDED })).toHaveLength(4);
  });

  it("completes a callback sent from the test", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("approval", { timeout: { hours: 24 } });
        return JSON.parse(await promise) as unknown;
      }),
    });
    const approval = runner.getOperation("approval");
    const run = runner.run();
    await approval.waitForData(WaitingOperationStatus.STARTED);
    await approval.sendCallbackSuccess(JSON.stringify({ ok: true }));
    const result = await run;
    expect(result.getResult()).toEqual({ ok: true });
    expect(approval.getCallbackDetails()?.result).toEqual({ ok: true });
  });
});
