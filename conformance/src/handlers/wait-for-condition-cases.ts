/**
 * Handlers for the waitForCondition suite (6.x), written from each requirement's description.
 */
import { JitterStrategy, createWaitStrategy, withDurableExecution } from "@durably/sdk";
import type { DurableContext, Serdes, WaitForConditionWaitStrategyFunc } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

/** Polls again after one second while `keepPolling(state)` holds. */
function pollWhile<T>(keepPolling: (state: T) => boolean): WaitForConditionWaitStrategyFunc<T> {
  return (state) =>
    keepPolling(state)
      ? { shouldContinue: true, delay: { seconds: 1 } }
      : { shouldContinue: false };
}

const increment = async (state: number): Promise<number> => state + 1;

/** Counts up from `initialState` until the count reaches `threshold`. */
function countUpTo(ctx: DurableContext, initialState: number, threshold: number, name?: string) {
  const config = { initialState, waitStrategy: pollWhile((state: number) => state < threshold) };
  return name === undefined
    ? ctx.waitForCondition(increment, config)
    : ctx.waitForCondition(name, increment, config);
}

interface Job {
  status: "PENDING" | "DONE";
  attempts: number;
}

/** Stores the state string base64-encoded (not JSON), so only this serdes can read it back. */
const base64Serdes: Serdes<string> = {
  serialize: async (value) =>
    value === undefined ? undefined : Buffer.from(value, "utf8").toString("base64"),
  deserialize: async (data) =>
    data === undefined ? undefined : Buffer.from(data, "base64").toString("utf8"),
};

export const waitForConditionCases: SuiteCases = {
  "6.1": () => ({
    handler: withDurableExecution(async (threshold: number, ctx: DurableContext) =>
      countUpTo(ctx, 0, threshold),
    ),
  }),
  "6.2": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCondition(async (state: number) => state, {
        initialState: 5,
        waitStrategy: pollWhile((state: number) => state < 5),
      }),
    ),
  }),
  "6.3": () => ({
    handler: withDurableExecution(async (threshold: number, ctx: DurableContext) =>
      countUpTo(ctx, 0, threshold, "poll-status"),
    ),
  }),
  "6.4": () => ({
    handler: withDurableExecution(async (threshold: number, ctx: DurableContext) =>
      countUpTo(ctx, 5, threshold),
    ),
  }),
  "6.6": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCondition(increment, {
        initialState: 0,
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: () => true,
          maxAttempts: 3,
          initialDelay: { seconds: 1 },
          backoffRate: 1,
          jitter: JitterStrategy.NONE,
        }),
      }),
    ),
  }),
  "6.7": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCondition(
        async (): Promise<number> => {
          throw new Error("status service unavailable");
        },
        { initialState: 0, waitStrategy: pollWhile(() => true) },
      ),
    ),
  }),
  "6.8": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      try {
        return await ctx.waitForCondition(
          async (): Promise<number> => {
            throw new Error("status service unavailable");
          },
          { initialState: 0, waitStrategy: pollWhile(() => true) },
        );
      } catch {
        return "recovered";
      }
    }),
  }),
  "6.9": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCondition(
        async (job: Job): Promise<Job> => {
          const attempts = job.attempts + 1;
          return { status: attempts >= 2 ? "DONE" : "PENDING", attempts };
        },
        {
          initialState: { status: "PENDING", attempts: 0 },
          waitStrategy: pollWhile((job: Job) => job.status === "PENDING"),
        },
      ),
    ),
  }),
  "6.11": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCondition(async (state: string) => `${state}x`, {
        initialState: "",
        serdes: base64Serdes,
        waitStrategy: pollWhile((state: string) => state.length < 2),
      }),
    ),
  }),
  "6.12": () => ({
    handler: withDurableExecution(async (threshold: number, ctx: DurableContext) => {
      const count = await countUpTo(ctx, 0, threshold);
      return ctx.step(async () => count * 10);
    }),
  }),
  "6.13": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const first = await countUpTo(ctx, 0, 2);
      return countUpTo(ctx, first, 4);
    }),
  }),
};
