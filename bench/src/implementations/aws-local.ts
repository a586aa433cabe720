/**
 * The official SDK (`@aws/durable-execution-sdk-js`) run by its local test runner
 * (`@aws/durable-execution-sdk-js-testing`: state in memory, checkpoints through a worker thread),
 * with real timers (aws-local) or with `skipTime: true` (aws-local-skiptime, fake timers).
 * One `new LocalDurableTestRunner(...).run({ payload })` per execution, as a test writes it.
 */
import { withDurableExecution } from "@aws/durable-execution-sdk-js";
import type { DurableContext, DurableLambdaHandler } from "@aws/durable-execution-sdk-js";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";
import { FANOUT_CONCURRENCY, SLEEP_MS } from "../workloads/workload.ts";
import type { WorkloadKind } from "../workloads/workload.ts";
import type { BenchTarget } from "./implementation.ts";

/** W1: `n` sequential steps; the result is n − 1. */
const sequential = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`step-${i}`, async () => i);
  return last;
});

/** W2: three steps; the result is id + 2. */
const throughput = withDurableExecution(async (id: number, ctx: DurableContext) => {
  const a = await ctx.step("a", async () => id);
  const b = await ctx.step("b", async () => a + 1);
  return ctx.step("c", async () => b + 1);
});

/** W3: `context.map` with maxConcurrency 50, one step per item; the number of results. */
const fanout = withDurableExecution(async (count: number, ctx: DurableContext) => {
  const items = Array.from({ length: count }, (_, i) => i);
  const result = await ctx.map(
    "fan-out",
    items,
    (itemCtx, item) => itemCtx.step(`item-${item}`, async () => item * 2),
    { maxConcurrency: FANOUT_CONCURRENCY },
  );
  result.throwIfError();
  return result.getResults().length;
});

/** W4: `n` steps, `context.wait` 1 s, `n` steps. */
const sleep = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`pre-${i}`, async () => i);
  await ctx.wait("sleep", { seconds: SLEEP_MS / 1000 });
  for (let i = 0; i < n; i++) last = await ctx.step(`post-${i}`, async () => i);
  return last;
});

const handlers: Record<WorkloadKind, DurableLambdaHandler> = {
  sequential,
  throughput,
  fanout,
  sleep,
};

async function localRunner(skipTime: boolean): Promise<BenchTarget> {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime });
  return {
    skipsTime: skipTime,
    async runOne(kind, input) {
      const runner = new LocalDurableTestRunner<number>({ handlerFunction: handlers[kind] });
      const result = await runner.run({ payload: input });
      if (result.getStatus() !== "SUCCEEDED")
        throw new Error(`run ${String(result.getStatus())}: ${JSON.stringify(result.getError())}`);
      return result.getResult();
    },
    close: () => LocalDurableTestRunner.teardownTestEnvironment(),
  };
}

/** The AWS local runner with real timers (the anchors' reference column). */
export function awsLocal(_kind: WorkloadKind): Promise<BenchTarget> {
  return localRunner(false);
}

/** The AWS local runner with `skipTime: true` (installs @sinonjs/fake-timers). */
export function awsLocalSkipTime(_kind: WorkloadKind): Promise<BenchTarget> {
  return localRunner(true);
}
