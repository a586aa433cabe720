import { describe, expect, test } from "vitest";
import { ChildContextError, InvokeError, retryPresets, StepError } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { captureLogs, durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const id = hashOperationId;

describe("runInChildContext", () => {
  test("groups the child's operations under a CONTEXT with its own id space and ParentId", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const inner = await ctx.runInChildContext("group", async (child) => {
        const a = await child.step("a", async () => 1);
        const nested = await child.runInChildContext(async (grandchild) =>
          grandchild.step(async () => a + 1),
        );
        return nested * 10;
      });
      const after = await ctx.step(async () => inner + 1);
      return after;
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "21" });
    expect(
      service.updates.map((u) => [
        u.Id,
        u.ParentId,
        u.Type,
        u.SubType,
        u.Name,
        u.Action,
        u.Payload,
      ]),
    ).toEqual([
      [id("1"), undefined, "CONTEXT", "RunInChildContext", "group", "START", undefined],
      [id("1-1"), id("1"), "STEP", "Step", "a", "START", undefined],
      [id("1-1"), id("1"), "STEP", "Step", "a", "SUCCEED", "1"],
      [id("1-2"), id("1"), "CONTEXT", "RunInChildContext", undefined, "START", undefined],
      [id("1-2-1"), id("1-2"), "STEP", "Step", undefined, "START", undefined],
      [id("1-2-1"), id("1-2"), "STEP", "Step", undefined, "SUCCEED", "2"],
      [id("1-2"), id("1"), "CONTEXT", "RunInChildContext", undefined, "SUCCEED", "2"],
      [id("1"), undefined, "CONTEXT", "RunInChildContext", "group", "SUCCEED", "20"],
      [id("2"), undefined, "STEP", "Step", undefined, "START", undefined],
      [id("2"), undefined, "STEP", "Step", undefined, "SUCCEED", "21"],
    ]);
  });

  test("starts the body a tick after START, so sibling contexts record their STARTs first (as the official SDK)", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const left = ctx.runInChildContext("left", async (child) => child.step("l", async () => 1));
      const right = ctx.runInChildContext("right", async (child) => child.step("r", async () => 2));
      return (await left) + (await right);
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "3" });
    const starts = service.updates.filter((u) => u.Action === "START").map((u) => u.Name);
    expect(starts).toEqual(["left", "right", "l", "r"]);
  });

  test("replay returns the recorded result without running the child", async () => {
    const service = new FakeDurableService();
    let runs = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const value = await ctx.runInChildContext(async (child) => {
        runs++;
        return child.step(async () => ({ at: new Date(0) }));
      });
      await ctx.wait({ seconds: 1 });
      return value;
    });
    const { output } = await service.run(handler);
    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ at: "1970-01-01T00:00:00.000Z" }),
    });
    expect(runs).toBe(1);
  });

  test("a failing child throws ChildContextError whose cause is the rebuilt inner error, live and on replay", async () => {
    const service = new FakeDurableService();
    const caught: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      try {
        await ctx.runInChildContext("risky", async (child) =>
          child.step(
            async () => {
              throw new TypeError("inner");
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        );
      } catch (error) {
        caught.push(error);
      }
      await ctx.wait({ seconds: 1 });
      return "ok";
    });
    await service.run(handler);
    expect(service.updates.find((u) => u.Type === "CONTEXT" && u.Action === "FAIL")?.Error).toEqual(
      {
        ErrorType: "StepError",
        ErrorMessage: "inner",
      },
    );
    expect(caught).toHaveLength(2);
    for (const error of caught) {
      expect(error).toBeInstanceOf(ChildContextError);
      expect((error as ChildContextError).message).toBe("inner");
      expect((error as ChildContextError).cause).toBeInstanceOf(StepError);
    }
  });

  test("errorMapper replaces the thrown error; a recorded failure without error is 'Child context failed'", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.runInChildContext(
        async () => {
          throw new Error("x");
        },
        { errorMapper: (error) => new InvokeError(`mapped ${error.message}`) },
      ),
    );
    expect((await service.run(handler)).output).toMatchObject({
      Error: { ErrorType: "InvokeError", ErrorMessage: "mapped x" },
    });
    const replay = new FakeDurableService();
    replay.putOperation({
      Id: id("1"),
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Status: "FAILED",
    });
    const plain = durableHandler(async (_event, ctx) => ctx.runInChildContext(async () => 1));
    expect((await replay.run(plain)).output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "ChildContextError", ErrorMessage: "Child context failed" },
    });
  });

  test("using the parent context inside the child is a context usage error", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.runInChildContext(async () => ctx.step(async () => 1)),
    );
    expect(await service.invoke(handler)).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage: expect.stringContaining('Expected context ID: "1", but got: "root"'),
      },
    });
    expect(service.updates.map((u) => [u.Type, u.Action])).toEqual([["CONTEXT", "START"]]);
  });

  test("records a custom subType", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.runInChildContext("c", async () => 1, { subType: "Custom" }),
    );
    await service.run(handler);
    expect(service.updates[0]).toMatchObject({ SubType: "Custom", Name: "c" });
  });

  test("a result over 256 KiB stores the summary with ReplayChildren and is rebuilt on replay without re-running steps", async () => {
    const service = new FakeDurableService();
    let bodyRuns = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const big = await ctx.runInChildContext(
        async (child) =>
          child.step(async () => {
            bodyRuns++;
            return "z".repeat(300_000);
          }),
        { summaryGenerator: (result) => `length ${result.length}` },
      );
      await ctx.wait({ seconds: 1 });
      return big.length;
    });
    const { output } = await service.run(handler);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(
      service.updates.find((u) => u.Type === "CONTEXT" && u.Action === "SUCCEED"),
    ).toMatchObject({
      Payload: "length 300000",
      ContextOptions: { ReplayChildren: true },
    });
    expect(bodyRuns).toBe(1);
  });

  test("a virtual child sends no CONTEXT updates and hangs its operations under the parent's parent", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.runInChildContext("outer", async (outer) =>
        outer.runInChildContext("virtual", async (v) => v.step(async () => 5), {
          virtualContext: true,
        }),
      ),
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "5" });
    expect(service.updates.map((u) => [u.Id, u.ParentId, u.Type, u.Action])).toEqual([
      [id("1"), undefined, "CONTEXT", "START"],
      [id("1-1-1"), id("1"), "STEP", "START"],
      [id("1-1-1"), id("1"), "STEP", "SUCCEED"],
      [id("1"), undefined, "CONTEXT", "SUCCEED"],
    ]);
  });

  test("a wait left behind in a finished child neither blocks completion nor suspends", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.runInChildContext(async (child) => {
        void child.wait({ seconds: 60 });
        return "child done";
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      return ctx.step(async () => "after");
    });
    expect(await service.invoke(handler)).toEqual({ Status: "SUCCEEDED", Result: '"after"' });
  });

  test("logs inside a child carry the child's operation id and are suppressed when the child replays", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = durableHandler(
      async (_event, ctx) => {
        await ctx.runInChildContext("kid", async (child) => {
          child.logger.info("in child");
        });
        await ctx.wait({ seconds: 1 });
      },
      { logSink: logs },
    );
    await service.run(handler);
    expect(
      logs.lines.map((line) => [
        line.record.message,
        line.record.operationId,
        line.record.operationName,
      ]),
    ).toEqual([["in child", id("1"), "kid"]]);
  });
});
