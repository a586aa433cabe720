import { describe, expect, test } from "vitest";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { ManualTimers } from "../../internal/testing/manual-timers.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

/** Resolves after the pending setImmediate/microtask work has run a few times. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe("wait", () => {
  test("START carries the total seconds; the invocation suspends; the next invocation resumes", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.wait("custom_wait_name", { days: 1, hours: 1, minutes: 1, seconds: 1 });
      return "after";
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations).toEqual([
      { Status: "PENDING" },
      { Status: "SUCCEEDED", Result: '"after"' },
    ]);
    expect(service.updates).toEqual([
      {
        Id: "c4ca4238a0b92382",
        Name: "custom_wait_name",
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 90_061 },
      },
    ]);
    expect(output.Status).toBe("SUCCEEDED");
  });

  test("a completed wait resolves at once on replay and sends nothing", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "WAIT",
      SubType: "Wait",
      Status: "SUCCEEDED",
    });
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.wait({ seconds: 5 });
      return 1;
    });
    expect(await service.invoke(handler)).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(service.requests).toHaveLength(0);
  });

  test("a started wait found on replay suspends again without a new START", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "WAIT",
      SubType: "Wait",
      Status: "STARTED",
    });
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.wait({ seconds: 5 });
      return 1;
    });
    expect(await service.invoke(handler)).toEqual({ Status: "PENDING" });
    expect(service.requests).toHaveLength(0);
  });

  test("a wait that is never awaited does not keep a finished handler from succeeding", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      void ctx.wait({ seconds: 30 });
      await ctx.step(async () => "work");
      return "done";
    });
    expect(await service.invoke(handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
  });

  test("an un-awaited wait suspends a handler that then idles past the cooldown", async () => {
    const service = new FakeDurableService();
    const timers = new ManualTimers();
    const handler = durableHandler(
      async (_event, ctx) => {
        void ctx.wait({ seconds: 30 });
        await new Promise(() => {}); // non-durable idling
      },
      { timers },
    );
    const output = service.invoke(handler);
    await settle();
    expect(timers.pendingDelays()).toEqual([20]);
    timers.advance(20);
    expect(await output).toEqual({ Status: "PENDING" });
  });

  test("the cooldown is re-checked when it fires: work that started meanwhile prevents suspension", async () => {
    const service = new FakeDurableService();
    const timers = new ManualTimers();
    let release: (value: string) => void = () => {};
    const handler = durableHandler(
      async (_event, ctx) => {
        const waiting = ctx.wait({ seconds: 30 });
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        const work = ctx.step(async () => new Promise<string>((resolve) => (release = resolve)));
        void waiting;
        return work;
      },
      { timers },
    );
    const output = service.invoke(handler);
    await settle();
    timers.advance(20); // cooldown fires while the step body executes
    release("finished");
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: '"finished"' });
  });

  test("polls at the scheduled end while a step runs, and resumes in-process when the wait completes", async () => {
    const service = new FakeDurableService({ clock: () => 0 });
    const timers = new ManualTimers(0);
    let release: () => void = () => {};
    const order: string[] = [];
    const handler = durableHandler(
      async (_event, ctx) => {
        const slow = ctx.step("slow", async () => {
          await new Promise<void>((resolve) => (release = resolve));
          order.push("slow done");
        });
        await ctx.wait("short", { seconds: 5 });
        order.push("wait done");
        await slow;
        return order;
      },
      { timers },
    );
    const output = service.invoke(handler);
    await settle();
    // The wait is awaited; its poll is due at the scheduled end (5 s on the manual clock).
    expect(timers.pendingDelays()).toContain(5_000);
    const requestsBefore = service.requests.length;
    service.fireTimer(hashOperationId("2"));
    timers.advance(5_000);
    await settle();
    expect(service.requests.length).toBe(requestsBefore + 1);
    expect(service.requests.at(-1)?.Updates).toEqual([]);
    expect(order).toEqual(["wait done"]);
    release();
    expect(await output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["wait done", "slow done"]),
    });
  });

  test("polling backs off 1 s, 2 s, 3 s… while the wait is still pending", async () => {
    const service = new FakeDurableService({ clock: () => 0 });
    const timers = new ManualTimers(0);
    let release: () => void = () => {};
    const handler = durableHandler(
      async (_event, ctx) => {
        const slow = ctx.step(async () => new Promise<void>((resolve) => (release = resolve)));
        await ctx.wait({ seconds: 1 });
        await slow;
        return "ok";
      },
      { timers },
    );
    const output = service.invoke(handler);
    await settle();
    const polls: number[] = [];
    for (const step of [1_000, 1_000, 2_000, 3_000]) {
      timers.advance(step);
      await settle();
      polls.push(service.requests.filter((request) => request.Updates?.length === 0).length);
    }
    expect(polls).toEqual([1, 2, 3, 4]);
    service.fireTimer(hashOperationId("2"));
    timers.advance(4_000);
    await settle();
    release();
    expect(await output).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
  });

  test("does not poll when less than a second of Lambda time would remain", async () => {
    const service = new FakeDurableService({ clock: () => 0 });
    const timers = new ManualTimers(0);
    let release: () => void = () => {};
    const handler = durableHandler(
      async (_event, ctx) => {
        const slow = ctx.step(async () => new Promise<void>((resolve) => (release = resolve)));
        await ctx.wait({ seconds: 5 });
        await slow;
      },
      { timers },
    );
    const { fakeLambdaContext } = await import("../../internal/testing/fake-lambda-context.ts");
    const output = service.invoke(
      handler,
      fakeLambdaContext({ getRemainingTimeInMillis: () => 5_500 }),
    );
    await settle();
    expect(timers.pendingDelays()).toEqual([]);
    release();
    await settle();
    timers.advance(20);
    expect(await output).toEqual({ Status: "PENDING" });
  });
});
