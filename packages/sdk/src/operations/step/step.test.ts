import { describe, expect, test } from "vitest";
import { retryPresets, StepSemantics, type Serdes } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";

describe("step", () => {
  test("sends START then SUCCEED with the serialised result, in one request, with positional ids", async () => {
    const service = new FakeDurableService({ input: "World" });
    const handler = durableHandler(async (name: string, ctx) => {
      const greeting = await ctx.step("greet", async () => `Hello, ${name}!`);
      const length = await ctx.step(async () => greeting.length);
      return { greeting, length };
    });
    const { output } = await service.run(handler);
    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ greeting: "Hello, World!", length: 13 }),
    });
    expect(service.requests.map((request) => request.Updates)).toEqual([
      [
        { Id: "c4ca4238a0b92382", Name: "greet", Type: "STEP", SubType: "Step", Action: "START" },
        {
          Id: "c4ca4238a0b92382",
          Name: "greet",
          Type: "STEP",
          SubType: "Step",
          Action: "SUCCEED",
          Payload: '"Hello, World!"',
        },
      ],
      [
        { Id: "c81e728d9d4c2f63", Type: "STEP", SubType: "Step", Action: "START" },
        { Id: "c81e728d9d4c2f63", Type: "STEP", SubType: "Step", Action: "SUCCEED", Payload: "13" },
      ],
    ]);
    expect(service.operation("c4ca4238a0b92382")).toMatchObject({
      Status: "SUCCEEDED",
      Name: "greet",
      StepDetails: { Attempt: 1 },
    });
  });

  test("accepts undefined as the name and a config in both overloads", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const a = await ctx.step(undefined, async () => 1, {
        semantics: StepSemantics.AtLeastOncePerRetry,
      });
      const b = await ctx.step(async () => 2, { retryStrategy: retryPresets.noRetry });
      return a + b;
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "3" });
    expect(service.updates.every((update) => !("Name" in update))).toBe(true);
  });

  test("round-trips results through serdes: Dates become strings, undefined stays undefined", async () => {
    const service = new FakeDurableService();
    const seen: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      seen.push(await ctx.step(async () => ({ at: new Date(0) })));
      seen.push(await ctx.step(async () => undefined));
      return "ok";
    });
    await service.run(handler);
    expect(seen).toEqual([{ at: "1970-01-01T00:00:00.000Z" }, undefined]);
    expect(service.updates[3]).not.toHaveProperty("Payload");
  });

  test("uses a per-step serdes with the step id as entity id", async () => {
    const service = new FakeDurableService({ input: "hello world" });
    const contexts: unknown[] = [];
    const upper: Serdes<string> = {
      serialize: async (value, context) => {
        contexts.push(context);
        return value === undefined ? undefined : JSON.stringify(value.toUpperCase());
      },
      deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as string)),
    };
    const handler = durableHandler(async (input: string, ctx) =>
      ctx.step(async () => input, { serdes: upper }),
    );
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '"HELLO WORLD"',
    });
    expect(contexts).toEqual([{ entityId: "1", durableExecutionArn: service.durableExecutionArn }]);
  });

  test("replay returns the recorded result and never runs a completed step again", async () => {
    const service = new FakeDurableService();
    let runs = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const value = await ctx.step(async () => {
        runs++;
        return "cached_value";
      });
      await ctx.wait({ seconds: 1 });
      return value;
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations.map((invocation) => invocation.Status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"cached_value"' });
    expect(runs).toBe(1);
    expect(service.updates.filter((update) => update.Type === "STEP")).toHaveLength(2);
  });

  test("concurrent steps started in one tick share one checkpoint request", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      Promise.all([ctx.step(async () => 1), ctx.step(async () => 2), ctx.step(async () => 3)]),
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "[1,2,3]" });
    expect(service.requests).toHaveLength(1);
    expect(service.requests[0]?.Updates?.map((update) => update.Action)).toEqual([
      "START",
      "START",
      "START",
      "SUCCEED",
      "SUCCEED",
      "SUCCEED",
    ]);
  });

  test("a step starts when called, not when awaited, and an un-awaited failure is no unhandled rejection", async () => {
    const service = new FakeDurableService();
    let ran = false;
    const handler = durableHandler(async (_event, ctx) => {
      const pending = ctx.step(async () => {
        ran = true;
        return 1;
      });
      void ctx.step(
        async () => {
          throw new Error("ignored");
        },
        { retryStrategy: retryPresets.noRetry },
      );
      await ctx.step(async () => 2);
      expect(pending.isExecuted).toBe(false);
      return ran;
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "true" });
  });

  test("a missing function rejects the promise with a TypeError", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      (ctx.step as unknown as (name: string) => Promise<unknown>)("no-fn").catch(
        (error: unknown) => (error as Error).name,
      ),
    );
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '"TypeError"',
    });
  });

  test("an operation started after the invocation returned never runs", async () => {
    const service = new FakeDurableService();
    let late: (() => unknown) | undefined;
    let ran = false;
    const handler = durableHandler(async (_event, ctx) => {
      late = () =>
        ctx.step(async () => {
          ran = true;
        });
      return "done";
    });
    await service.invoke(handler);
    void late?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toBe(false);
    expect(service.requests).toHaveLength(0);
  });
});
