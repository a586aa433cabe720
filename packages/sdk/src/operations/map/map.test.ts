import { describe, expect, test } from "vitest";
import {
  BatchCompletionError,
  ChildContextError,
  completeBatch,
  CompletionOutcome,
  continueBatch,
  NestingType,
  retryPresets,
  StepError,
} from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const id = hashOperationId;
const noRetry = { retryStrategy: retryPresets.noRetry };

describe("map", () => {
  test("runs each item as a MapIteration child of one Map context, in index order", async () => {
    const service = new FakeDurableService();
    const seen: number[][] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map("double", [1, 2, 3], async (child, item, index, array) => {
        seen.push([index, array.length]);
        return child.step(async () => item * 2);
      });
      return {
        results: result.getResults(),
        json: JSON.parse(JSON.stringify(result)),
        status: result.status,
      };
    });
    const { output } = await service.run(handler);
    expect(output.Status === "SUCCEEDED" && JSON.parse(output.Result ?? "")).toEqual({
      results: [2, 4, 6],
      json: {
        all: [
          { result: 2, index: 0, status: "SUCCEEDED" },
          { result: 4, index: 1, status: "SUCCEEDED" },
          { result: 6, index: 2, status: "SUCCEEDED" },
        ],
        completionReason: "ALL_COMPLETED",
      },
      status: "SUCCEEDED",
    });
    expect(seen).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    const contexts = service.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "START");
    expect(contexts.map((u) => [u.Id, u.ParentId, u.SubType, u.Name])).toEqual([
      [id("1"), undefined, "Map", "double"],
      [id("1-1"), id("1"), "MapIteration", "map-item-0"],
      [id("1-2"), id("1"), "MapIteration", "map-item-1"],
      [id("1-3"), id("1"), "MapIteration", "map-item-2"],
    ]);
    expect(service.updates.find((u) => u.Action === "START" && u.Type === "STEP")).toMatchObject({
      Id: id("1-1-1"),
      ParentId: id("1-1"),
    });
  });

  test("names items with itemNamer; FLAT nesting sends no item contexts", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.map(["a", "b"], async (child, item) => child.step(async () => item), {
        itemNamer: (item) => `item-${item}`,
      });
      await ctx.map(["c"], async (child, item) => child.step(async () => item), {
        nesting: NestingType.FLAT,
      });
    });
    await service.run(handler);
    const starts = service.updates.filter((u) => u.Action === "START");
    expect(starts.map((u) => [u.Id, u.ParentId, u.Type, u.Name])).toEqual([
      [id("1"), undefined, "CONTEXT", undefined],
      [id("1-1"), id("1"), "CONTEXT", "item-a"],
      [id("1-2"), id("1"), "CONTEXT", "item-b"],
      [id("1-1-1"), id("1-1"), "STEP", undefined],
      [id("1-2-1"), id("1-2"), "STEP", undefined],
      [id("2"), undefined, "CONTEXT", undefined],
      [id("2-1-1"), id("2"), "STEP", undefined],
    ]);
  });

  test("maxConcurrency limits items in flight", async () => {
    const service = new FakeDurableService();
    let running = 0;
    let peak = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        [1, 2, 3, 4, 5],
        async (child, item) =>
          child.step(async () => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setImmediate(resolve));
            running--;
            return item;
          }),
        { maxConcurrency: 2 },
      );
      return result.getResults();
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: "[1,2,3,4,5]",
    });
    expect(peak).toBe(2);
  });

  test("by default the first failure completes the batch; items still running are STARTED; nothing is thrown", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map([0, 1, 2], async (child, item) =>
        child.step(async () => {
          if (item === 0) throw new TypeError("bad item");
          await new Promise(() => {});
        }, noRetry),
      );
      const error = result.getErrors()[0];
      return [
        result.completionReason,
        result.status,
        result.all.map((i) => i.status),
        result.startedCount,
        error instanceof ChildContextError,
        error?.cause instanceof StepError,
        error?.message,
      ];
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        "FAILURE_TOLERANCE_EXCEEDED",
        "FAILED",
        ["FAILED", "STARTED", "STARTED"],
        2,
        true,
        true,
        "bad item",
      ]),
    });
  });

  test("minSuccessful completes early; tolerated failures keep going", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const items = [0, 1, 2, 3];
      const fn = async (
        child: Parameters<Parameters<typeof ctx.map<number, number>>[1]>[0],
        item: number,
      ) =>
        child.step(async () => {
          if (item % 2 === 1) throw new Error("odd");
          return item;
        }, noRetry);
      const min = await ctx.map(items, fn, {
        maxConcurrency: 1,
        completionConfig: { minSuccessful: 1 },
      });
      const count = await ctx.map(items, fn, { completionConfig: { toleratedFailureCount: 2 } });
      const exceeded = await ctx.map(items, fn, {
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 0 },
      });
      const percent = await ctx.map(items, fn, {
        maxConcurrency: 1,
        completionConfig: { toleratedFailurePercentage: 25 },
      });
      return [min, count, exceeded, percent].map((r) => [
        r.completionReason,
        r.successCount,
        r.failureCount,
        r.hasFailure,
      ]);
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        ["MIN_SUCCESSFUL_REACHED", 1, 0, false],
        ["ALL_COMPLETED", 2, 2, true],
        ["FAILURE_TOLERANCE_EXCEEDED", 1, 1, true],
        ["FAILURE_TOLERANCE_EXCEEDED", 2, 2, true],
      ]),
    });
  });

  test("custom shouldComplete decides; a failed outcome makes throwIfError throw BatchCompletionError", async () => {
    const service = new FakeDurableService();
    const seen: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map([1, 2, 3], async (child, item) => child.step(async () => item), {
        maxConcurrency: 1,
        completionConfig: {
          shouldComplete: (status) => {
            seen.push([
              status.completedCount,
              status.totalCount,
              status.items.map((i) => i.status ?? "-"),
            ]);
            return status.successCount >= 2
              ? completeBatch(CompletionOutcome.FAILED)
              : continueBatch();
          },
        },
      });
      try {
        result.throwIfError();
      } catch (error) {
        return [result.completionReason, result.status, error instanceof BatchCompletionError];
      }
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["CUSTOM_COMPLETION_FAILED", "FAILED", true]),
    });
    expect(seen[0]).toEqual([1, 3, ["SUCCEEDED", "-", "-"]]);
  });

  test("an empty list completes at once", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map([], async () => 1);
      return [result.completionReason, result.totalCount];
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '["ALL_COMPLETED",0]',
    });
  });

  test("replay restores item errors with their classes and cause chains, as seen live", async () => {
    const service = new FakeDurableService();
    const observed: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map([1], async (child) =>
        child.step(async () => {
          throw new RangeError("nope");
        }, noRetry),
      );
      const error = result.all[0]?.error;
      observed.push([
        error instanceof ChildContextError,
        error?.cause instanceof StepError,
        (error?.cause as StepError | undefined)?.cause?.name,
      ]);
      await ctx.wait({ seconds: 1 });
    });
    await service.run(handler);
    expect(observed).toEqual([
      [true, true, "StepError"],
      [true, true, "StepError"],
    ]);
  });

  test("invalid configuration fails the execution", async () => {
    const mixed = durableHandler(async (_event, ctx) =>
      ctx.map([1], async () => 1, {
        completionConfig: { shouldComplete: () => continueBatch(), minSuccessful: 1 } as never,
      }),
    );
    expect(await new FakeDurableService().invoke(mixed)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          "completionConfig.shouldComplete is mutually exclusive with minSuccessful, toleratedFailureCount, and toleratedFailurePercentage",
      },
    });
    const zero = durableHandler(async (_event, ctx) =>
      ctx.map([1], async () => 1, { maxConcurrency: 0 }),
    );
    expect(await new FakeDurableService().invoke(zero)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: expect.stringContaining("maxConcurrency") },
    });
  });

  test("argument errors reject the promise", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const call = ctx.map.bind(ctx) as unknown as (...args: unknown[]) => Promise<unknown>;
      return Promise.all([
        call("x", "not-array", async () => 1).catch((e: Error) => e.message),
        call([1], "not-fn").catch((e: Error) => e.message),
      ]);
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        "Map operation requires an array of items",
        "Map operation requires a function to process items",
      ]),
    });
  });

  test("a result over 256 KiB is stored as a summary and rebuilt on replay from the item records", async () => {
    const service = new FakeDurableService();
    let bodies = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        [0, 1, 2],
        async (child, item) =>
          child.step(async () => {
            bodies++;
            if (item === 1) throw new Error("one fails");
            return "x".repeat(150_000);
          }, noRetry),
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      await ctx.wait({ seconds: 1 });
      return [
        result.successCount,
        result.failureCount,
        result.completionReason,
        result.getResults().map((r) => r.length),
      ];
    });
    const { output } = await service.run(handler);
    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([2, 1, "ALL_COMPLETED", [150_000, 150_000]]),
    });
    expect(bodies).toBe(3);
    const stored = service.updates.find((u) => u.Id === id("1") && u.Action === "SUCCEED");
    expect(stored?.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(stored?.Payload ?? "")).toEqual({
      type: "MapResult",
      totalCount: 3,
      successCount: 2,
      failureCount: 1,
      completionReason: "ALL_COMPLETED",
      status: "FAILED",
      itemStatuses: "SFS",
    });
  });

  test("a large FLAT map is rebuilt on replay from its items' operations", async () => {
    const service = new FakeDurableService();
    let bodies = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        [0, 1],
        async (child) =>
          child.step(async () => {
            bodies++;
            return "y".repeat(150_000);
          }),
        { nesting: NestingType.FLAT },
      );
      await ctx.wait({ seconds: 1 });
      return result.getResults().map((r) => r.length);
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: "[150000,150000]",
    });
    expect(bodies).toBe(2);
  });
});
