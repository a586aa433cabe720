import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalDurableTestRunner } from "../index.ts";

const RealDate = Date;

afterEach(async () => {
  vi.useRealTimers();
  await LocalDurableTestRunner.teardownTestEnvironment();
});

const clockReader = withDurableExecution(async (_: unknown, ctx: DurableContext) => {
  const t0 = await ctx.step("t0", async () => Date.now());
  await ctx.wait("day", { days: 1 });
  return (await ctx.step("t1", async () => Date.now())) - t0;
});

describe("test environment", () => {
  it("rejects run() before setupTestEnvironment", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => "x"),
    });

    await expect(runner.run()).rejects.toThrow(
      "call `await LocalDurableTestRunner.setupTestEnvironment()` first",
    );
  });

  it("refuses skipTime when fake timers are already installed", async () => {
    vi.useFakeTimers();

    await expect(LocalDurableTestRunner.setupTestEnvironment({ skipTime: true })).rejects.toThrow(
      "fake timers are already installed",
    );
  });

  it("installs a skipping clock on the global Date and restores it at teardown", async () => {
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    expect(globalThis.Date).not.toBe(RealDate);

    const result = await new LocalDurableTestRunner({ handlerFunction: clockReader }).run();

    expect(result.getResult()).toBeGreaterThanOrEqual(86_400_000);
    await LocalDurableTestRunner.teardownTestEnvironment();
    expect(globalThis.Date).toBe(RealDate);
  });

  it("leaves the global Date alone without skipTime", async () => {
    await LocalDurableTestRunner.setupTestEnvironment();

    const result = await new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => "real time"),
    }).run();

    expect(result.getResult()).toBe("real time");
    expect(globalThis.Date).toBe(RealDate);
  });

  it("still completes runs with an artificial checkpoint delay", async () => {
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true, checkpointDelay: 5 });

    const result = await new LocalDurableTestRunner({ handlerFunction: clockReader }).run();

    expect(result.getResult()).toBeGreaterThanOrEqual(86_400_000);
  });

  it("serves runners created before the environment was set up", async () => {
    const early = new LocalDurableTestRunner({ handlerFunction: clockReader });
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });

    expect((await early.run()).getResult()).toBeGreaterThanOrEqual(86_400_000);
  });
});
