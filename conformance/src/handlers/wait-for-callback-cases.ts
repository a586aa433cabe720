/**
 * Handlers for the waitForCallback suite (7.x), written from each requirement's description.
 */
import { createRetryStrategy, withDurableExecution } from "@durably/sdk";
import type { DurableContext, WaitForCallbackConfig } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

/** A submitter that hands the callback id to nobody: the runner plays the external system. */
const submitNothing = async (_callbackId: string): Promise<void> => {};

/** Runs one waitForCallback named after the input and returns its result. */
function awaitNamedCallback(config?: WaitForCallbackConfig) {
  return withDurableExecution(async (name: string, ctx: DurableContext) =>
    ctx.waitForCallback(name, submitNothing, config),
  );
}

/** Like {@link awaitNamedCallback}, but any error is caught and `fallback` returned instead. */
function awaitNamedCallbackOr(fallback: string, config?: WaitForCallbackConfig) {
  return withDurableExecution(async (name: string, ctx: DurableContext) => {
    try {
      return await ctx.waitForCallback(name, submitNothing, config);
    } catch {
      return fallback;
    }
  });
}

export const waitForCallbackCases: SuiteCases = {
  "7.1": () => ({ handler: awaitNamedCallback() }),
  "7.2": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCallback("approval", submitNothing),
    ),
  }),
  "7.3": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.waitForCallback(async () => {}),
    ),
  }),
  "7.4": () => ({ handler: awaitNamedCallback() }),
  "7.6": () => ({ handler: awaitNamedCallbackOr("recovered") }),
  "7.7": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) =>
      ctx.waitForCallback(
        name,
        async () => {
          throw new Error("submitter could not reach the approver");
        },
        {
          retryStrategy: createRetryStrategy({
            maxAttempts: 2,
            initialDelay: { seconds: 1 },
            backoffRate: 1,
            jitter: "NONE",
          }),
        },
      ),
    ),
  }),
  "7.8": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) =>
      ctx.runInChildContext("wrapper", async (child) => child.waitForCallback(name, submitNothing)),
    ),
  }),
  "7.9": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.waitForCallback("first", submitNothing);
      return ctx.waitForCallback("second", submitNothing);
    }),
  }),
  "7.11": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) => {
      const decision = await ctx.waitForCallback<{ status: string }>(name, submitNothing, {
        serdes: {
          deserialize: async (data) =>
            data === undefined ? undefined : (JSON.parse(data) as { status: string }),
        },
      });
      return decision.status;
    }),
  }),
  "7.12": () => ({ handler: awaitNamedCallback({ heartbeatTimeout: { seconds: 5 } }) }),
  "7.13": () => ({ handler: awaitNamedCallback({ heartbeatTimeout: { seconds: 10 } }) }),
  "7.14": () => ({
    handler: awaitNamedCallbackOr("timed-out-handled", { timeout: { seconds: 3 } }),
  }),
};
