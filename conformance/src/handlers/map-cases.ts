/**
 * Handlers for the map suite (9.x), written from each requirement's description.
 */
import { BatchItemStatus, NestingType, withDurableExecution } from "@durably/sdk";
import type { BatchItem, BatchResult, DurableContext, Serdes } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

/** The counts and outcome of a batch, without its items. */
function projection(result: BatchResult<unknown>) {
  return {
    completionReason: result.completionReason,
    status: result.status,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
}

/** Item serdes whose stored form is visibly not JSON, so the history shows it was used. */
const WRAP_PREFIX = "wrapped:";
const wrappingItemSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : `${WRAP_PREFIX}${value}`),
  deserialize: async (data) => (data === undefined ? undefined : data.slice(WRAP_PREFIX.length)),
};

/**
 * Whole-result serdes storing only the succeeded results as `OPSERDE:<a>,<b>`; reading it back
 * gives a result that lists those values as succeeded items in order.
 */
const OP_PREFIX = "OPSERDE:";
const joinedResultSerdes: Serdes<BatchResult<string>> = {
  serialize: async (value) =>
    value === undefined ? undefined : `${OP_PREFIX}${value.getResults().join(",")}`,
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const body = data.slice(OP_PREFIX.length);
    const values = body === "" ? [] : body.split(",");
    return restoredResult(values);
  },
};

/** A BatchResult in which every value is a succeeded item (what the joined serdes can restore). */
function restoredResult(values: string[]): BatchResult<string> {
  const all: BatchItem<string>[] = values.map((result, index) => ({
    result,
    index,
    status: BatchItemStatus.SUCCEEDED,
  }));
  const succeeded = () => all as (BatchItem<string> & { result: string })[];
  return {
    all,
    completionReason: "ALL_COMPLETED",
    status: BatchItemStatus.SUCCEEDED,
    hasFailure: false,
    successCount: all.length,
    failureCount: 0,
    startedCount: 0,
    totalCount: all.length,
    succeeded,
    failed: () => [],
    started: () => [],
    getResults: () => succeeded().map((item) => item.result),
    getErrors: () => [],
    throwIfError: () => {},
  };
}

export const mapCases: SuiteCases = {
  "9.1": () => ({
    handler: withDurableExecution(async (names: string[], ctx: DurableContext) => {
      const result = await ctx.map(
        "map",
        names,
        (item, name) => item.step(async () => `Hello, ${name}!`),
        { maxConcurrency: 1 },
      );
      return result.getResults();
    }),
  }),
  "9.2": () => ({
    handler: withDurableExecution(async (numbers: number[], ctx: DurableContext) => {
      const result = await ctx.map(numbers, async (_item, n) => n * 2, { maxConcurrency: 1 });
      return result.getResults();
    }),
  }),
  "9.3": () => ({
    handler: withDurableExecution(async (numbers: number[], ctx: DurableContext) => {
      const result = await ctx.map("indexed", numbers, async (_item, n, index) => n + index, {
        maxConcurrency: 1,
      });
      return result.getResults();
    }),
  }),
  "9.4": () => ({
    handler: withDurableExecution(async (items: unknown[], ctx: DurableContext) => {
      const result = await ctx.map("empty", items, async (_item, value) => value);
      return result.getResults();
    }),
  }),
  "9.6": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "throwing",
        ["i0", "i1"],
        async (_item, value) => {
          if (value === "i0") throw new Error(`item ${value} failed`);
          return value;
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 0 } },
      );
      result.throwIfError();
      return result.getResults();
    }),
  }),
  "9.7": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "min-successful",
        ["i0", "i1", "i2", "i3"],
        async (_item, value) => `done-${value}`,
        {
          maxConcurrency: 1,
          completionConfig: { minSuccessful: 2 },
        },
      );
      const { completionReason, successCount, totalCount } = projection(result);
      return { completionReason, successCount, totalCount };
    }),
  }),
  "9.8": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "tolerated",
        ["i0", "i1", "i2"],
        async (_item, value) => {
          if (value === "i1") throw new Error(`item ${value} failed`);
          return value;
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
      );
      return projection(result);
    }),
  }),
  "9.9": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "tolerated-exceeded",
        ["i0", "i1", "i2"],
        async (_item, value) => {
          if (value !== "i2") throw new Error(`item ${value} failed`);
          return value;
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
      );
      const { completionReason, successCount, failureCount, totalCount } = projection(result);
      return { completionReason, successCount, failureCount, totalCount };
    }),
  }),
  "9.11": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "concurrent",
        ["i0", "i1", "i2"],
        async (_item, _value, index) => `r${index}`,
        { maxConcurrency: 2 },
      );
      return result.getResults();
    }),
  }),
  "9.12": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "flat",
        ["fa", "fb"],
        (item, value) => item.step(async () => value),
        {
          maxConcurrency: 1,
          nesting: NestingType.FLAT,
        },
      );
      return result.getResults();
    }),
  }),
  "9.13": () => ({
    handler: withDurableExecution(async (numbers: number[], ctx: DurableContext) => {
      const result = await ctx.map("named-items", numbers, async (_item, n) => n * 10, {
        maxConcurrency: 1,
        itemNamer: (n) => `item-${n}`,
      });
      return result.getResults();
    }),
  }),
  "9.14": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "serdes",
        ["x", "y"],
        async (_item, value) => value.toUpperCase(),
        {
          maxConcurrency: 1,
          itemSerdes: wrappingItemSerdes,
        },
      );
      return result.getResults();
    }),
  }),
  "9.16": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const sizes = [70_000, 70_001, 70_002, 70_003];
      const result = await ctx.map("large", sizes, async (_item, size) => "x".repeat(size), {
        maxConcurrency: 1,
      });
      return { successCount: result.successCount, totalCount: result.totalCount };
    }),
  }),
  "9.17": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "then-wait",
        ["a", "b"],
        async (_item, value) => value.toUpperCase(),
        {
          maxConcurrency: 1,
        },
      );
      await ctx.wait({ seconds: 1 });
      return result.getResults();
    }),
  }),
  "9.18": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "fail-then-wait",
        ["ok", "fail"],
        async (_item, value) => {
          if (value === "fail") throw new Error("item asked to fail");
          return value;
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailureCount: 1 } },
      );
      await ctx.wait({ seconds: 1 });
      return projection(result);
    }),
  }),
  "9.19": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.map(
        "op-serde",
        ["x", "y"],
        async (_item, value) => value.toUpperCase(),
        {
          maxConcurrency: 1,
          serdes: joinedResultSerdes,
        },
      );
      return result.getResults();
    }),
  }),
};
