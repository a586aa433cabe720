/**
 * Handlers for the wait suite (2.x).
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

export const waitCases: SuiteCases = {
  "2.1": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.wait({ seconds: 2 });
      return "waited";
    }),
  }),
  "2.2": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.wait("custom_wait_name", { seconds: 2 });
      return "waited";
    }),
  }),
  "2.3": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.wait("wait-1", { seconds: 2 });
      await ctx.wait("wait-2", { seconds: 2 });
      return { completedWaits: 2 };
    }),
  }),
  "2.4": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.wait({ minutes: 1 });
      return "waited a minute";
    }),
  }),
};
