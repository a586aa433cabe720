/**
 * Handlers for the step suite (1.x), written from each requirement's description.
 */
import {
  StepSemantics,
  createRetryStrategy,
  retryPresets,
  withDurableExecution,
} from "@durably/sdk";
import type { DurableContext, Serdes } from "@durably/sdk";
import { crashable } from "./conformance-case.ts";
import type { SuiteCases } from "./conformance-case.ts";

class TransientError extends Error {
  override name: string = "TransientError";
}

const upperCaseSerdes: Serdes<string> = {
  serialize: async (value) =>
    value === undefined ? undefined : JSON.stringify(String(value).toUpperCase()),
  deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as string)),
};

/** Fails the first `failures` calls, then returns `value`. */
function flaky<T>(failures: number, value: T): () => Promise<T> {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= failures) throw new Error(`attempt ${calls} failed`);
    return value;
  };
}

export const stepCases: SuiteCases = {
  "1.1": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) =>
      ctx.step(async () => `Hello, ${name}!`),
    ),
  }),
  "1.2": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) =>
      ctx.step("custom_step_name", async () => `Hello, ${name}!`),
    ),
  }),
  "1.3": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const first = await ctx.step(async () => "first");
      return ctx.step(async () => `${first}_second`);
    }),
  }),
  "1.4": () => ({
    handler: withDurableExecution(
      async (event: { name: string; tags: string[] }, ctx: DurableContext) =>
        ctx.step(async () => ({
          user: { name: event.name, tags: event.tags },
          count: event.tags.length,
        })),
    ),
  }),
  "1.6": () => ({
    handler: withDurableExecution(async (text: string, ctx: DurableContext) =>
      ctx.step(async () => text, { serdes: upperCaseSerdes }),
    ),
  }),
  "1.7": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) =>
      ctx.step(async (step) => {
        step.logger.info(`Greeting step started for: ${name}`);
        const greeting = `Hello, ${name}!`;
        step.logger.info(`Greeting step completed with: ${greeting}`);
        return greeting;
      }),
    ),
  }),
  "1.8": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const value = await ctx.step(async () => "computed");
      await ctx.wait({ seconds: 2 });
      return value;
    }),
  }),
  "1.9": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const value = await ctx.step(async (step) => {
        step.logger.info("step executed");
        return "cached_value";
      });
      await ctx.wait({ seconds: 1 });
      return value;
    }),
  }),
  "1.11": () => {
    const body = flaky(1, "Operation succeeded");
    return {
      handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.step(body, { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }) }),
      ),
    };
  },
  "1.12": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.step(
        async () => {
          throw new Error("always fails");
        },
        {
          retryStrategy: createRetryStrategy({
            maxAttempts: 4,
            initialDelay: { seconds: 1 },
            backoffRate: 1,
            jitter: "NONE",
          }),
        },
      ),
    ),
  }),
  "1.13": () => {
    const body = flaky(2, "third time lucky");
    return {
      handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => ctx.step(body)),
    };
  },
  "1.14": () => {
    const body = flaky(2, "done");
    return {
      handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.step(body, {
          retryStrategy: createRetryStrategy({
            maxAttempts: 5,
            initialDelay: { seconds: 2 },
            backoffRate: 3,
            jitter: "NONE",
          }),
        }),
      ),
    };
  },
  "1.16": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.step(
        async () => {
          throw new TransientError("transient failure");
        },
        { retryStrategy: (error) => ({ shouldRetry: !(error instanceof TransientError) }) },
      ),
    ),
  }),
  "1.17": () => {
    const lambda = crashable(
      withDurableExecution(async (input: string, ctx: DurableContext) =>
        ctx.step(
          "at_most_once_flaky_step",
          async (step) => {
            step.logger.info(`at-most-once step running for ${input}`);
            return lambda.crash();
          },
          { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.noRetry },
        ),
      ),
    );
    return { handler: lambda.handler };
  },
  "1.18": () => {
    let runs = 0;
    const lambda = crashable(
      withDurableExecution(async (input: string, ctx: DurableContext) =>
        ctx.step(
          "at_most_once_retry_step",
          async (step) => {
            step.logger.info(`at-most-once step running for ${input}`);
            runs++;
            if (runs === 1) return lambda.crash();
            return "succeeded on second attempt";
          },
          {
            semantics: StepSemantics.AtMostOncePerRetry,
            retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }),
          },
        ),
      ),
    );
    return { handler: lambda.handler };
  },
  "1.19": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.step(
        async () => {
          throw new Error("permanent failure");
        },
        { retryStrategy: retryPresets.noRetry },
      ),
    ),
  }),
};
