/**
 * The workloads written with Durably's SDK, shared by the engine targets (memory, SQLite, PostgreSQL)
 * and the testing-library target. The same code as the official SDK's version (aws-local.ts): Durably's
 * SDK is a drop-in for it.
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { FANOUT_CONCURRENCY, SLEEP_MS } from "../workloads/workload.ts";
import type { WorkloadKind } from "../workloads/workload.ts";

/** A durable handler as `withDurableExecution` returns it. */
export type DurablyHandler = ReturnType<typeof withDurableExecution>;

/** W1: `n` sequential steps, each returning its index; the result is n − 1. */
const sequential: DurablyHandler = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`step-${i}`, async () => i);
  return last;
});

/** W2: three steps; the result is id + 2. */
const throughput: DurablyHandler = withDurableExecution(async (id: number, ctx: DurableContext) => {
  const a = await ctx.step("a", async () => id);
  const b = await ctx.step("b", async () => a + 1);
  return ctx.step("c", async () => b + 1);
});

/** W3: `context.map` over the items, one step per item, at most 50 in flight; the result count. */
const fanout: DurablyHandler = withDurableExecution(async (count: number, ctx: DurableContext) => {
  const items = Array.from({ length: count }, (_, i) => i);
  const result = await ctx.map(
    "fan-out",
    items,
    (itemCtx: DurableContext, item: number) => itemCtx.step(`item-${item}`, async () => item * 2),
    { maxConcurrency: FANOUT_CONCURRENCY },
  );
  result.throwIfError();
  return result.getResults().length;
});

/** W4: `n` steps, a durable 1-second wait, `n` more steps. */
const sleep: DurablyHandler = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`pre-${i}`, async () => i);
  await ctx.wait("sleep", { seconds: SLEEP_MS / 1000 });
  for (let i = 0; i < n; i++) last = await ctx.step(`post-${i}`, async () => i);
  return last;
});

/** Durably's handler of each workload kind. */
export const durablyHandlers: Record<WorkloadKind, DurablyHandler> = {
  sequential,
  throughput,
  fanout,
  sleep,
};
