/**
 * Benchmark workloads (definitions in shared/bench/anchors.md), independent of the engine that runs them.
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** A durable handler as `withDurableExecution` returns it. */
export type BenchHandler = ReturnType<typeof withDurableExecution>;

/** W1: `n` sequential steps, each returning its index; the result is n − 1. */
export const sequentialSteps: BenchHandler = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`step-${i}`, async () => i);
  return last;
});

/** W4: `n` steps, a durable 1-second sleep, `n` more steps. */
export const sleepAndResume: BenchHandler = withDurableExecution(async (n: number, ctx: DurableContext) => {
  let last = -1;
  for (let i = 0; i < n; i++) last = await ctx.step(`pre-${i}`, async () => i);
  await ctx.wait("sleep", { seconds: 1 });
  for (let i = 0; i < n; i++) last = await ctx.step(`post-${i}`, async () => i);
  return last;
});

/** One workload at one size. */
export interface WorkloadCase {
  /** Row name in the results, e.g. "W1-1000". */
  name: string;
  functionName: string;
  handler: BenchHandler;
  /** Input of the measured execution and of the warm-up. */
  input: number;
  warmupInput: number;
  expected: (input: number) => unknown;
  /** Steps per execution, for µs/step. */
  steps: (input: number) => number;
  /** Part of the wall time that is sleeping by design (W4). */
  sleepMs: number;
}

/** Every workload case by name. */
export const workloads: Record<string, WorkloadCase> = {
  "W1-1000": { name: "W1-1000", functionName: "w1", handler: sequentialSteps, input: 1000, warmupInput: 20, expected: (n) => n - 1, steps: (n) => n, sleepMs: 0 },
  "W1-10000": { name: "W1-10000", functionName: "w1", handler: sequentialSteps, input: 10000, warmupInput: 20, expected: (n) => n - 1, steps: (n) => n, sleepMs: 0 },
  "W4-100": { name: "W4-100", functionName: "w4", handler: sleepAndResume, input: 100, warmupInput: 5, expected: (n) => n - 1, steps: (n) => 2 * n, sleepMs: 1000 },
};
