/**
 * Handlers for the parallel suite (8.x), written from each requirement's description.
 */
import { NestingType, withDurableExecution } from "@durably/sdk";
import type { BatchResult, DurableContext, ParallelFunc } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

/** The counts and outcome of a batch, without its branches. */
function projection(result: BatchResult<unknown>) {
  return {
    completionReason: result.completionReason,
    status: result.status,
    successCount: result.successCount,
    failureCount: result.failureCount,
    totalCount: result.totalCount,
  };
}

/** A branch that returns `value` without any durable operation. */
function returns<T>(value: T): ParallelFunc<T> {
  return async () => value;
}

/** A branch that fails with a message naming it. */
function fails(label: string): ParallelFunc<string> {
  return async () => {
    throw new Error(`branch ${label} failed`);
  };
}

/** A branch that runs one step returning `value`. */
function stepReturning<T>(value: T): ParallelFunc<T> {
  return (ctx) => ctx.step(async () => value);
}

export const parallelCases: SuiteCases = {
  "8.1": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "parallel",
        [stepReturning("task-1"), stepReturning("task-2")],
        {
          maxConcurrency: 1,
        },
      );
      return result.getResults();
    }),
  }),
  "8.2": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel([returns("alpha"), returns("beta")], { maxConcurrency: 1 });
      return result.getResults();
    }),
  }),
  "8.3": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "named",
        [
          { name: "first", func: returns("one") },
          { name: "second", func: returns("two") },
        ],
        { maxConcurrency: 1 },
      );
      return result.getResults();
    }),
  }),
  "8.4": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel<unknown>(
        "hetero",
        [returns("hello"), returns(42), returns({ k: "v" })],
        {
          maxConcurrency: 1,
        },
      );
      return result.getResults();
    }),
  }),
  "8.6": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("failfast", [returns("ok"), fails("1"), returns("never")], {
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 0 },
      });
      return projection(result);
    }),
  }),
  "8.7": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("throwing", [fails("0"), returns("never")], {
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 0 },
      });
      result.throwIfError();
      return result.getResults();
    }),
  }),
  "8.8": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "min-successful",
        [returns("b0"), returns("b1"), returns("b2"), returns("b3")],
        { maxConcurrency: 1, completionConfig: { minSuccessful: 2 } },
      );
      const { completionReason, successCount, totalCount } = projection(result);
      return { completionReason, successCount, totalCount };
    }),
  }),
  "8.9": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("tolerated", [returns("b0"), fails("1"), returns("b2")], {
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 1 },
      });
      return projection(result);
    }),
  }),
  "8.11": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "concurrent",
        [returns("r0"), returns("r1"), returns("r2")],
        {
          maxConcurrency: 2,
        },
      );
      return result.getResults();
    }),
  }),
  "8.12": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("flat", [stepReturning("fa"), stepReturning("fb")], {
        maxConcurrency: 1,
        nesting: NestingType.FLAT,
      });
      return result.getResults();
    }),
  }),
  "8.13": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "tolerated-pct",
        [fails("0"), fails("1"), returns("b2"), returns("b3")],
        { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
      );
      const { completionReason, successCount, failureCount, totalCount } = projection(result);
      return { completionReason, successCount, failureCount, totalCount };
    }),
  }),
  "8.14": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "replay",
        [
          stepReturning("b0"),
          async (branch) => {
            await branch.wait({ seconds: 2 });
            return "b1";
          },
        ],
        { maxConcurrency: 1 },
      );
      return result.getResults();
    }),
  }),
  "8.16": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("all-fail", [fails("0"), fails("1"), fails("2")], {
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 3 },
      });
      return projection(result);
    }),
  }),
  "8.17": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "min-not-reached",
        [returns("b0"), fails("1"), returns("b2")],
        {
          maxConcurrency: 1,
          completionConfig: { minSuccessful: 3 },
        },
      );
      return projection(result);
    }),
  }),
  "8.18": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "combined",
        [fails("0"), fails("1"), returns("b2"), returns("b3")],
        { maxConcurrency: 1, completionConfig: { minSuccessful: 3, toleratedFailureCount: 1 } },
      );
      const { completionReason, successCount, failureCount, totalCount } = projection(result);
      return { completionReason, successCount, failureCount, totalCount };
    }),
  }),
  "8.19": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel("bad-concurrency", [returns("b0"), returns("b1")], {
        maxConcurrency: 0,
      });
      return result.getResults();
    }),
  }),
  "8.21": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const outer = await ctx.parallel(
        "outer",
        [
          async (branch) => {
            const inner = await branch.parallel(
              "inner",
              [stepReturning("i1"), stepReturning("i2")],
              {
                maxConcurrency: 1,
              },
            );
            return inner.getResults();
          },
        ],
        { maxConcurrency: 1 },
      );
      return outer.getResults();
    }),
  }),
  "8.22": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const result = await ctx.parallel(
        "pct-boundary",
        [fails("0"), returns("b1"), returns("b2"), returns("b3")],
        { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
      );
      return projection(result);
    }),
  }),
};
