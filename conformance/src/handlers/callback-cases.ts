/**
 * Handlers for the createCallback suite (4.x), written from each requirement's description.
 */
import { withDurableExecution } from "@durably/sdk";
import type { CreateCallbackConfig, DurableContext } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

/** Creates a callback named `name` and returns what it completes with. */
function awaitCallback(config?: CreateCallbackConfig) {
  return withDurableExecution(async (name: string, ctx: DurableContext) => {
    const [result] = await ctx.createCallback(name, config);
    return result;
  });
}

/** Creates a callback named `name`, runs a step before awaiting it, and returns its result. */
function callbackThenStep(config?: CreateCallbackConfig) {
  return withDurableExecution(async (name: string, ctx: DurableContext) => {
    const [result] = await ctx.createCallback(name, config);
    await ctx.step(async () => "step done");
    return result;
  });
}

/** Awaits a callback named `name`, then waits `waitSeconds`, then returns the callback's result. */
function callbackThenWait(waitSeconds: number) {
  return withDurableExecution(async (name: string, ctx: DurableContext) => {
    const [result] = await ctx.createCallback(name);
    const value = await result;
    await ctx.wait({ seconds: waitSeconds });
    return value;
  });
}

/** Awaits a callback named `name`, turning its failure into a message, then waits 2 s and returns the message. */
function callbackCaughtThenWait(config?: CreateCallbackConfig) {
  return withDurableExecution(async (name: string, ctx: DurableContext) => {
    const [result] = await ctx.createCallback(name, config);
    let message: string;
    try {
      message = `callback returned ${await result}`;
    } catch (error) {
      message = `callback failed: ${(error as Error).message}`;
    }
    await ctx.wait({ seconds: 2 });
    return message;
  });
}

export const callbackCases: SuiteCases = {
  "4.1": () => ({ handler: awaitCallback() }),
  "4.2": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const [result] = await ctx.createCallback("approval");
      return result;
    }),
  }),
  "4.3": () => ({ handler: awaitCallback({ timeout: { seconds: 5 } }) }),
  "4.4": () => ({ handler: awaitCallback({ heartbeatTimeout: { seconds: 5 } }) }),
  "4.6": () => ({ handler: awaitCallback() }),
  "4.7": () => ({ handler: callbackThenStep() }),
  "4.8": () => ({ handler: callbackThenStep({ timeout: { seconds: 5 } }) }),
  "4.9": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) => {
      const [result] = await ctx.createCallback(name);
      await ctx.wait({ seconds: 5 });
      return result;
    }),
  }),
  "4.11": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) => {
      const [result] = await ctx.createCallback(name, { timeout: { seconds: 3 } });
      await ctx.wait({ seconds: 6 });
      return result;
    }),
  }),
  "4.12": () => ({ handler: callbackThenWait(2) }),
  "4.13": () => ({ handler: callbackCaughtThenWait() }),
  "4.14": () => ({ handler: callbackCaughtThenWait({ timeout: { seconds: 3 } }) }),
  "4.16": () => ({
    handler: withDurableExecution(async (name: string, ctx: DurableContext) => {
      const [result] = await ctx.createCallback<number>(name, {
        serdes: {
          deserialize: async (data) => (data === undefined ? undefined : Number(JSON.parse(data))),
        },
      });
      const count = await result;
      return { count, doubled: count * 2 };
    }),
  }),
  "4.17": () => ({
    handler: withDurableExecution(async ([nameA, nameB]: [string, string], ctx: DurableContext) => {
      const [resultA] = await ctx.createCallback(nameA);
      const a = await resultA;
      const [resultB] = await ctx.createCallback(nameB);
      const b = await resultB;
      return { a, b };
    }),
  }),
  "4.18": () => ({
    handler: withDurableExecution(async ([nameA, nameB]: [string, string], ctx: DurableContext) => {
      const [resultA] = await ctx.createCallback(nameA);
      const [resultB] = await ctx.createCallback(nameB);
      const a = await resultA;
      const b = await resultB;
      return { a, b };
    }),
  }),
  "4.19": () => ({
    handler: withDurableExecution(async ([nameA, nameB]: [string, string], ctx: DurableContext) => {
      const [resultA] = await ctx.createCallback(nameA);
      const [resultB] = await ctx.createCallback(nameB);
      const b = await resultB;
      const a = await resultA;
      return { a, b };
    }),
  }),
};
