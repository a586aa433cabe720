/**
 * DBOS Transact (`@dbos-inc/dbos-sdk`) on the machine's PostgreSQL, in a system database the
 * benchmark creates for this measurement and drops afterwards. DBOS defaults (system-database pool of
 * 10, PostgreSQL durability settings untouched); logLevel "warn", and no admin HTTP server.
 * Executions are started with `DBOS.startWorkflow(...)(input)` (no queue) and awaited with `getResult()`.
 */
import { DBOS } from "@dbos-inc/dbos-sdk";
import { FANOUT_CONCURRENCY, SLEEP_MS } from "../workloads/workload.ts";
import type { WorkloadKind } from "../workloads/workload.ts";
import type { BenchTarget } from "./implementation.ts";
import { createBenchDatabase } from "./postgres-database.ts";

/** W1: `n` sequential `DBOS.runStep` calls; the result is n − 1. */
async function sequential(n: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < n; i++) last = await DBOS.runStep(async () => i, { name: `step-${i}` });
  return last;
}

/** W2: three steps; the result is id + 2. */
async function throughput(id: number): Promise<number> {
  const a = await DBOS.runStep(async () => id, { name: "a" });
  const b = await DBOS.runStep(async () => a + 1, { name: "b" });
  return DBOS.runStep(async () => b + 1, { name: "c" });
}

/**
 * W3: one step per item inside this workflow, through a pool of 50 runners that take items in index
 * order (the fastest DBOS form in the anchors; child workflows on a queue took 4–16× longer there).
 */
async function fanout(count: number): Promise<number> {
  const results: number[] = [];
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < count) {
      const item = next++;
      results[item] = await DBOS.runStep(async () => item * 2, { name: `item-${item}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(FANOUT_CONCURRENCY, count) }, runner));
  return results.length;
}

/** W4: `n` steps, `DBOS.sleep(1000)`, `n` steps. */
async function sleep(n: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < n; i++) last = await DBOS.runStep(async () => i, { name: `pre-${i}` });
  await DBOS.sleep(SLEEP_MS);
  for (let i = 0; i < n; i++) last = await DBOS.runStep(async () => i, { name: `post-${i}` });
  return last;
}

const workflows: Record<WorkloadKind, (input: number) => Promise<number>> = {
  sequential: DBOS.registerWorkflow(sequential, { name: "w1" }),
  throughput: DBOS.registerWorkflow(throughput, { name: "w2" }),
  fanout: DBOS.registerWorkflow(fanout, { name: "w3" }),
  sleep: DBOS.registerWorkflow(sleep, { name: "w4" }),
};

/** DBOS on a fresh database of the machine's PostgreSQL. */
export async function dbos(_kind: WorkloadKind): Promise<BenchTarget> {
  const database = await createBenchDatabase("dbos");
  try {
    DBOS.setConfig({
      name: "durably-bench",
      systemDatabaseUrl: database.url,
      logLevel: "warn",
      runAdminServer: false,
    });
    await DBOS.launch();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    async runOne(kind, input) {
      const handle = await DBOS.startWorkflow(workflows[kind])(input);
      return handle.getResult();
    },
    beginMeasure: () => database.beginCpu(),
    async helperFigures() {
      return { cpuMs: await database.cpuMs() };
    },
    async close() {
      try {
        await DBOS.shutdown();
      } finally {
        await database.drop();
      }
    },
  };
}
