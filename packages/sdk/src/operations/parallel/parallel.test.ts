import { describe, expect, test } from "vitest";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

describe("parallel", () => {
  test("runs functions and named branches as ParallelBranch contexts", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.parallel("fan-out", [
        async (branch) => branch.step(async () => "a"),
        { name: "second", func: async (branch) => branch.step(async () => "b") },
      ]);
      return result.getResults();
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '["a","b"]',
    });
    const contexts = service.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "START");
    expect(contexts.map((u) => [u.Id, u.SubType, u.Name])).toEqual([
      [hashOperationId("1"), "Parallel", "fan-out"],
      [hashOperationId("1-1"), "ParallelBranch", "parallel-branch-0"],
      [hashOperationId("1-2"), "ParallelBranch", "second"],
    ]);
  });

  test("argument errors reject the promise", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const call = ctx.parallel.bind(ctx) as unknown as (...args: unknown[]) => Promise<unknown>;
      return Promise.all([
        call("x", 42).catch((e: Error) => e.message),
        call([42]).catch((e: Error) => e.message),
      ]);
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        "Parallel operation requires an array of branch functions",
        "All branches must be functions or NamedParallelBranch objects",
      ]),
    });
  });

  test("a waiting branch suspends the invocation and resumes on replay", async () => {
    const service = new FakeDurableService();
    let runs = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.parallel([
        async (branch) => branch.step(async () => ++runs),
        async (branch) => {
          await branch.wait({ seconds: 5 });
          return 10;
        },
      ]);
      return result.getResults();
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations.map((i) => i.Status)).toEqual(["PENDING", "SUCCEEDED"]);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: "[1,10]" });
    expect(runs).toBe(1);
  });
});
