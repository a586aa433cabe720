/**
 * Handlers for the child context suite (3.x), written from each requirement's description.
 */
import { setTimeout } from "node:timers/promises";
import { createRetryStrategy, retryPresets, withDurableExecution } from "@durably/sdk";
import type { DurableContext, Serdes } from "@durably/sdk";
import { crashable } from "./conformance-case.ts";
import type { SuiteCases } from "./conformance-case.ts";

/** Stores a string result as its upper-case text (not JSON), and reads it back as is. */
const upperCaseTextSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : String(value).toUpperCase()),
  deserialize: async (data) => data,
};

/** Fails the first `failures` calls, then returns `value`. */
function flaky<T>(failures: number, value: () => T): () => Promise<T> {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= failures) throw new Error(`attempt ${calls} failed`);
    return value();
  };
}

/** Retries every failure after one second, at most `maxAttempts` attempts in all. */
function retryEverySecond(maxAttempts: number) {
  return createRetryStrategy({
    maxAttempts,
    initialDelay: { seconds: 1 },
    backoffRate: 1,
    jitter: "NONE",
  });
}

/** More than the 256 KiB a child context result may have inline. */
const LARGE_RESULT_CHARS = 300 * 1024;

/** Child context cases, by requirement id. */
export const childCases: SuiteCases = {
  "3.1": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) =>
      ctx.runInChildContext(async (child) => child.step(async () => input)),
    ),
  }),
  "3.2": () => ({
    handler: withDurableExecution(
      async (event: { name: string; value: string }, ctx: DurableContext) =>
        ctx.runInChildContext(event.name, async (child) => child.step(async () => event.value)),
    ),
  }),
  "3.3": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) =>
      ctx.runInChildContext("two_steps", async (child) => {
        const first = await child.step("first", async () => input);
        return child.step("second", async () => first);
      }),
    ),
  }),
  "3.4": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.runInChildContext("failing_child", async (child) =>
        child.step(
          "failing_step",
          async () => {
            throw new Error("step failed inside the child context");
          },
          { retryStrategy: retryPresets.noRetry },
        ),
      ),
    ),
  }),
  "3.6": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) =>
      ctx.runInChildContext("outer", async (outer) => {
        await outer.step("outer_step", async () => input);
        return outer.runInChildContext("inner", async (inner) =>
          inner.step("inner_step", async () => input),
        );
      }),
    ),
  }),
  "3.7": () => {
    // Counts attempts across invocations: the retry runs in a later invocation.
    let input = "";
    const body = flaky(1, () => input);
    return {
      handler: withDurableExecution(async (event: string, ctx: DurableContext) => {
        input = event;
        return ctx.runInChildContext("retrying_child", async (child) =>
          child.step("flaky_step", body, { retryStrategy: retryEverySecond(3) }),
        );
      }),
    };
  },
  "3.8": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.runInChildContext("exhausted_child", async (child) =>
        child.step(
          "always_failing_step",
          async () => {
            throw new Error("this step never succeeds");
          },
          { retryStrategy: retryEverySecond(2) },
        ),
      ),
    ),
  }),
  "3.9": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) => {
      const value = await ctx.runInChildContext(async (child) => child.step(async () => input));
      await ctx.wait({ seconds: 1 });
      return value;
    }),
  }),
  "3.11": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) => {
      // Log on replay too, so the rebuild of the large result is visible in the logs.
      ctx.configureLogger({ modeAware: false });
      const large = await ctx.runInChildContext("large_result", async (child) => {
        child.logger.info(`building a large result for ${input}`);
        const seed = await child.step("seed", async () => input);
        return seed.repeat(Math.ceil(LARGE_RESULT_CHARS / Math.max(seed.length, 1)));
      });
      await ctx.wait({ seconds: 1 });
      return large.length;
    }),
  }),
  "3.12": () => {
    let runs = 0;
    const lambda = crashable(
      withDurableExecution(async (input: string, ctx: DurableContext) =>
        ctx.runInChildContext("crashing_child", async (child) =>
          child.step("crashing_step", async () => {
            runs++;
            if (runs === 1) {
              // Die a moment into the step, once the child's and the step's starts were sent.
              await setTimeout(50);
              return lambda.crash();
            }
            return input;
          }),
        ),
      ),
    );
    return { handler: lambda.handler };
  },
  "3.13": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) => {
      await ctx.runInChildContext("waiting_child", async (child) => {
        await child.wait({ seconds: 1 });
        return input;
      });
      return ctx.step("after_child", async () => input);
    }),
  }),
  "3.14": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) =>
      ctx.runInChildContext(
        "upper_case_child",
        async (child) => child.step("echo", async () => input),
        {
          serdes: upperCaseTextSerdes,
        },
      ),
    ),
  }),
  "3.16": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.runInChildContext("null_child", async () => null),
    ),
  }),
  "3.17": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) => {
      // Log on replay too, so a wrong re-run of the finished child would show in the logs.
      ctx.configureLogger({ modeAware: false });
      const value = await ctx.runInChildContext("logging_child", async (child) => {
        child.logger.info(`child context running for ${input}`);
        return input;
      });
      await ctx.wait({ seconds: 1 });
      return value;
    }),
  }),
  "3.18": () => ({
    handler: withDurableExecution(async (input: string, ctx: DurableContext) => {
      const value = await ctx.runInChildContext("step_then_wait", async (child) => {
        const inner = await child.step("inner_step", async () => input);
        await child.wait({ seconds: 1 });
        return inner;
      });
      const outer = await ctx.step("outer_step", async () => value);
      await ctx.wait({ seconds: 1 });
      return outer;
    }),
  }),
};
