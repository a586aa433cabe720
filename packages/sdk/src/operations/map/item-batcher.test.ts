import { describe, expect, test } from "vitest";
import { ChildContextError, retryPresets, StepError } from "../../index.ts";
import type { MapItemBatch, Serdes } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";
import { partitionItems } from "./item-batcher.ts";

const id = hashOperationId;

/** What a batch looked like to the map function, without its items' values. */
function shape(batch: MapItemBatch<unknown>): [number, number[]] {
  return [batch.batchIndex, batch.indexes];
}

describe("map itemBatcher", () => {
  test("runs one MapIteration context per batch and returns one result per item, in input order", async () => {
    const service = new FakeDurableService();
    const calls: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        "squares",
        [1, 2, 3, 4, 5],
        async (child, batch, array) => {
          calls.push([...shape(batch), batch.items, array.length]);
          return child.step(async () => batch.items.map((n) => n * n));
        },
        { itemBatcher: { maxItemsPerBatch: 2 } },
      );
      return {
        results: result.getResults(),
        json: JSON.parse(JSON.stringify(result)),
        counts: [result.successCount, result.totalCount],
      };
    });
    const { output } = await service.run(handler);
    expect(output.Status === "SUCCEEDED" && JSON.parse(output.Result ?? "")).toEqual({
      results: [1, 4, 9, 16, 25],
      json: {
        all: [1, 4, 9, 16, 25].map((result, index) => ({ result, index, status: "SUCCEEDED" })),
        completionReason: "ALL_COMPLETED",
      },
      counts: [5, 5],
    });
    expect(calls).toEqual([
      [0, [0, 1], [1, 2], 5],
      [1, [2, 3], [3, 4], 5],
      [2, [4], [5], 5],
    ]);
    const starts = service.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "START");
    expect(starts.map((u) => [u.Id, u.ParentId, u.SubType, u.Name])).toEqual([
      [id("1"), undefined, "Map", "squares"],
      [id("1-1"), id("1"), "MapIteration", "map-batch-0"],
      [id("1-2"), id("1"), "MapIteration", "map-batch-1"],
      [id("1-3"), id("1"), "MapIteration", "map-batch-2"],
    ]);
    const batchResult = service.updates.find((u) => u.Id === id("1-1") && u.Action === "SUCCEED");
    expect(batchResult?.Payload).toBe(JSON.stringify(["1", "4"]));
  });

  test("a failing batch reports its error on each of its items; other batches still succeed", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        ["a", "b", "c", "d", "e"],
        async (child, batch) =>
          child.step(
            async () => {
              if (batch.items.includes("c")) throw new RangeError(`bad batch ${batch.batchIndex}`);
              return batch.items.map((s) => s.toUpperCase());
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        { itemBatcher: { maxItemsPerBatch: 2 }, completionConfig: { toleratedFailureCount: 2 } },
      );
      return [
        result.all.map((item) => [item.index, item.status, item.result ?? item.error?.message]),
        result.all.map(
          (item) =>
            item.error instanceof ChildContextError && item.error.cause instanceof StepError,
        ),
        [result.successCount, result.failureCount, result.completionReason, result.status],
      ];
    });
    const { output } = await service.run(handler);
    expect(output.Status === "SUCCEEDED" && JSON.parse(output.Result ?? "")).toEqual([
      [
        [0, "SUCCEEDED", "A"],
        [1, "SUCCEEDED", "B"],
        [2, "FAILED", "bad batch 1"],
        [3, "FAILED", "bad batch 1"],
        [4, "SUCCEEDED", "E"],
      ],
      [false, false, true, true, false],
      [3, 2, "ALL_COMPLETED", "FAILED"],
    ]);
    // One FAIL checkpoint for the failed batch, not one per item.
    expect(service.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "FAIL")).toHaveLength(
      1,
    );
  });

  test("the completion config counts items and is judged after each batch", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const min = await ctx.map([1, 2, 3, 4, 5, 6], async (_child, batch) => batch.items, {
        itemBatcher: { maxItemsPerBatch: 2 },
        maxConcurrency: 1,
        completionConfig: { minSuccessful: 3 },
      });
      const failFast = await ctx.map(
        [1, 2, 3, 4],
        async (_child, batch) => {
          throw new Error(`batch ${batch.batchIndex}`);
        },
        { itemBatcher: { maxItemsPerBatch: 2 }, maxConcurrency: 1 },
      );
      return [min, failFast].map((r) => [
        r.completionReason,
        r.successCount,
        r.failureCount,
        r.totalCount,
      ]);
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        ["MIN_SUCCESSFUL_REACHED", 4, 0, 4],
        ["FAILURE_TOLERANCE_EXCEEDED", 0, 2, 2],
      ]),
    });
  });

  test("replay returns the recorded batch results without running the function again", async () => {
    const service = new FakeDurableService();
    let calls = 0;
    const seen: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        "words",
        ["x", "y", "z"],
        async (child, batch) => {
          calls++;
          return child.step(async () => batch.items.map((s) => `${s}!`));
        },
        { itemBatcher: { maxItemsPerBatch: 2 } },
      );
      seen.push(result.getResults());
      await ctx.wait({ seconds: 1 });
      return result.getResults();
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations).toHaveLength(2);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '["x!","y!","z!"]' });
    expect(calls).toBe(2);
    expect(seen).toEqual([
      ["x!", "y!", "z!"],
      ["x!", "y!", "z!"],
    ]);
  });

  test("a large batched result is rebuilt on replay from the batch records", async () => {
    const service = new FakeDurableService();
    let bodies = 0;
    const handler = durableHandler(async (_event, ctx) => {
      // Each batch stays under the 256 KiB inline limit; the whole map result does not.
      const result = await ctx.map(
        [0, 1, 2, 3, 4, 5],
        async (child, batch) =>
          child.step(
            async () => {
              bodies++;
              if (batch.batchIndex === 1) throw new Error("second batch fails");
              return batch.items.map(() => "x".repeat(70_000));
            },
            { retryStrategy: retryPresets.noRetry },
          ),
        { itemBatcher: { maxItemsPerBatch: 2 }, completionConfig: { toleratedFailureCount: 2 } },
      );
      await ctx.wait({ seconds: 1 });
      return [result.all.map((item) => item.status), result.getResults().map((r) => r.length)];
    });
    const { output, invocations } = await service.run(handler);
    expect(invocations).toHaveLength(2);
    expect(output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        ["SUCCEEDED", "SUCCEEDED", "FAILED", "FAILED", "SUCCEEDED", "SUCCEEDED"],
        [70_000, 70_000, 70_000, 70_000],
      ]),
    });
    expect(bodies).toBe(3);
    const stored = service.updates.find((u) => u.Id === id("1") && u.Action === "SUCCEED");
    expect(stored?.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(stored?.Payload ?? "")).toMatchObject({
      totalCount: 6,
      itemStatuses: "SSFFSS",
    });
  });

  test("maxConcurrency limits batches in flight", async () => {
    const service = new FakeDurableService();
    let running = 0;
    let peak = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        Array.from({ length: 10 }, (_, i) => i),
        async (child, batch) =>
          child.step(async () => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setImmediate(resolve));
            running--;
            return batch.items.map((n) => n + 100);
          }),
        { itemBatcher: { maxItemsPerBatch: 3 }, maxConcurrency: 2 },
      );
      return result.getResults();
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(Array.from({ length: 10 }, (_, i) => i + 100)),
    });
    expect(peak).toBe(2);
  });

  test("maxBytesPerBatch closes a batch before the item that would overflow it; a huge item goes alone", () => {
    const items = ["aaaa", "bbbb", "cc", "dddddddddddddddddddd", "e", "f"];
    // JSON sizes: 6, 6, 4, 22, 3, 3.
    expect(
      partitionItems(items, { maxItemsPerBatch: 10, maxBytesPerBatch: 12 }).map(shape),
    ).toEqual([
      [0, [0, 1]],
      [1, [2]],
      [2, [3]],
      [3, [4, 5]],
    ]);
    expect(
      partitionItems(items, { maxItemsPerBatch: 2, maxBytesPerBatch: 100 }).map(shape),
    ).toEqual([
      [0, [0, 1]],
      [1, [2, 3]],
      [2, [4, 5]],
    ]);
    expect(partitionItems(["é"], { maxItemsPerBatch: 1, maxBytesPerBatch: 1 })[0]?.items).toEqual([
      "é",
    ]);
    expect(() => partitionItems([1n], { maxItemsPerBatch: 1, maxBytesPerBatch: 10 })).toThrow(
      /item 0 cannot be converted to JSON/,
    );
    expect(partitionItems([], { maxItemsPerBatch: 3 })).toEqual([]);
  });

  test("the byte limit applies when the map runs", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        ["x".repeat(40), "y".repeat(40), "z".repeat(40)],
        async (_child, batch) => batch.items.map((s) => s.length),
        { itemBatcher: { maxItemsPerBatch: 100, maxBytesPerBatch: 100 } },
      );
      return result.getResults();
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: "[40,40,40]",
    });
    const names = service.updates.filter(
      (u) => u.SubType === "MapIteration" && u.Action === "START",
    );
    expect(names.map((u) => u.Name)).toEqual(["map-batch-0", "map-batch-1"]);
  });

  test("itemSerdes serialises each item's result inside the batch", async () => {
    const service = new FakeDurableService();
    const tagged: Serdes<string> = {
      serialize: async (value) => (value === undefined ? undefined : `tag:${value}`),
      deserialize: async (data) => data?.slice("tag:".length),
    };
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        ["p", "q"],
        async (_child, batch) => [...batch.items, undefined as never],
        {
          itemBatcher: { maxItemsPerBatch: 2 },
          itemSerdes: tagged,
        },
      );
      return result.getResults();
    });
    // The function returned three results for two items: the batch fails with a clear message.
    const { output } = await service.run(handler);
    expect(output.Status).toBe("SUCCEEDED");
    const failure = service.updates.find((u) => u.Action === "FAIL");
    expect(failure?.Error?.ErrorMessage).toBe(
      "The map function returned 3 results for batch 0 (items 0–1), which holds 2 items; return one result per item, in batch order.",
    );
    const ok = durableHandler(async (_event, ctx) => {
      const result = await ctx.map(
        ["p", "q"],
        async (_child, batch) => batch.items.map((s) => s + s),
        {
          itemBatcher: { maxItemsPerBatch: 2 },
          itemSerdes: tagged,
        },
      );
      return result.getResults();
    });
    const second = new FakeDurableService();
    expect((await second.run(ok)).output).toEqual({ Status: "SUCCEEDED", Result: '["pp","qq"]' });
    const stored = second.updates.find(
      (u) => u.SubType === "MapIteration" && u.Action === "SUCCEED",
    );
    expect(stored?.Payload).toBe('["tag:pp","tag:qq"]');
  });

  test("an empty list completes at once without batch contexts", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const result = await ctx.map([], async () => [], { itemBatcher: { maxItemsPerBatch: 5 } });
      return [result.completionReason, result.totalCount];
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '["ALL_COMPLETED",0]',
    });
    expect(service.updates.filter((u) => u.SubType === "MapIteration")).toEqual([]);
  });

  test.each([
    [
      { maxItemsPerBatch: 0 },
      "itemBatcher.maxItemsPerBatch must be an integer of at least 1; got 0.",
    ],
    [
      { maxItemsPerBatch: 2.5 },
      "itemBatcher.maxItemsPerBatch must be an integer of at least 1; got 2.5.",
    ],
    [{}, "itemBatcher.maxItemsPerBatch must be an integer of at least 1; got undefined."],
    [
      { maxItemsPerBatch: 5, maxBytesPerBatch: 0 },
      "itemBatcher.maxBytesPerBatch must be an integer of at least 1 when given; got 0.",
    ],
    [null, "itemBatcher must be an object like { maxItemsPerBatch: 100 }; got null."],
  ])("an invalid itemBatcher %j fails the execution", async (itemBatcher, message) => {
    const handler = durableHandler(async (_event, ctx) =>
      ctx.map([1], async (_child, batch) => batch.items, { itemBatcher: itemBatcher as never }),
    );
    expect(await new FakeDurableService().invoke(handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: message },
    });
  });

  test("itemNamer cannot be combined with itemBatcher", async () => {
    const handler = durableHandler(async (_event, ctx) =>
      ctx.map([1], async (_child, batch) => batch.items, {
        itemBatcher: { maxItemsPerBatch: 1 },
        itemNamer: () => "x",
      }),
    );
    expect(await new FakeDurableService().invoke(handler)).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorMessage: expect.stringContaining("itemNamer cannot be combined with itemBatcher"),
      },
    });
  });
});
