/**
 * Durably on the PostgreSQL store (`@durably/store/postgres`), in a database the benchmark creates for
 * this measurement and drops afterwards. Store and engine defaults (pool of 10, engine concurrency 16).
 * - 1w: one engine, in this process.
 * - 4w: four engines sharing the database: this process plus three forked worker processes
 *   (durably-postgres-worker.ts). Any of them may claim an execution this process started; the
 *   workers tell this process when an execution they ran completed, and it then reads the result
 *   from the store.
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Engine } from "@durably/engine";
import { createPostgresStore } from "@durably/store/postgres";
import type { WorkloadKind } from "../workloads/workload.ts";
import { runOnEngine, startEngine } from "./durably-target.ts";
import type { BenchTarget } from "./implementation.ts";
import { createBenchDatabase } from "./postgres-database.ts";
import type { BenchDatabase } from "./postgres-database.ts";

/** Messages between this process and a worker. */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "completed"; executionId: string }
  | { type: "figures"; cpuMs: number; peakRssMb: number };

/** The schema the store uses in the bench database. */
export const benchSchema = "durably";

interface Worker {
  process: ChildProcess;
  figures(): Promise<{ cpuMs: number; peakRssMb: number }>;
  stop(): Promise<void>;
}

function startWorker(
  url: string,
  kind: WorkloadKind,
  onCompleted: (executionId: string) => void,
): Promise<Worker> {
  const child = fork(
    fileURLToPath(new URL("./durably-postgres-worker.js", import.meta.url)),
    [url, kind],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  let figuresWaiter: ((f: { cpuMs: number; peakRssMb: number }) => void) | undefined;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "completed") onCompleted(message.executionId);
      else if (message.type === "figures") figuresWaiter?.(message);
      else if (message.type === "ready")
        resolve({
          process: child,
          figures: () =>
            new Promise((r) => {
              figuresWaiter = r;
              child.send({ type: "figures" });
            }),
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once("exit", () => r());
              child.send({ type: "stop" });
            }),
        });
    });
  });
}

async function postgresTarget(kind: WorkloadKind, workers: number): Promise<BenchTarget> {
  const database: BenchDatabase = await createBenchDatabase(`pg${workers}w`);
  const helpers: Worker[] = [];
  let engine: Engine | undefined;
  let store: Awaited<ReturnType<typeof createPostgresStore>> | undefined;
  const cleanup = async (): Promise<void> => {
    try {
      await Promise.all(helpers.map((w) => w.stop()));
      await engine?.stop();
      await store?.close();
    } finally {
      await database.drop();
    }
  };
  try {
    store = await createPostgresStore({ connectionString: database.url, schema: benchSchema });
    const local = startEngine(store, kind);
    engine = local;
    if (workers === 1) {
      return {
        runOne: (k, input) => runOnEngine(local, k, input),
        beginMeasure: () => database.beginCpu(),
        async helperFigures() {
          return { cpuMs: await database.cpuMs() };
        },
        close: cleanup,
      };
    }
    // Completion notices from every engine (this one and the workers); a notice may precede the id.
    const waiters = new Map<string, () => void>();
    const early = new Set<string>();
    const completed = (executionId: string): void => {
      const waiter = waiters.get(executionId);
      if (waiter) {
        waiters.delete(executionId);
        waiter();
      } else early.add(executionId);
    };
    local.subscribe((event) => {
      if (event.type === "execution-completed") completed(event.executionId);
    });
    for (let i = 1; i < workers; i++)
      helpers.push(await startWorker(database.url, kind, completed));
    let workersCpuAtStart = 0;
    const workersFigures = async (): Promise<{ cpuMs: number; peakRssMb: number }> => {
      const all = await Promise.all(helpers.map((w) => w.figures()));
      return {
        cpuMs: all.reduce((s, f) => s + f.cpuMs, 0),
        peakRssMb: all.reduce((s, f) => s + f.peakRssMb, 0),
      };
    };
    return {
      async runOne(k, input) {
        const { execution } = await local.startExecution({ functionName: k, input });
        const id = execution.executionId;
        if (!early.delete(id)) await new Promise<void>((r) => waiters.set(id, r));
        const done = await local.getExecution(id);
        if (done.status !== "SUCCEEDED")
          throw new Error(`execution ${done.status}: ${JSON.stringify(done.error)}`);
        return done.result === undefined ? undefined : (JSON.parse(done.result) as unknown);
      },
      async beginMeasure() {
        await database.beginCpu();
        workersCpuAtStart = (await workersFigures()).cpuMs;
      },
      async helperFigures() {
        const w = await workersFigures();
        return {
          cpuMs: (await database.cpuMs()) + w.cpuMs - workersCpuAtStart,
          peakRssMb: w.peakRssMb,
        };
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** One engine on the PostgreSQL store. */
export function durablyPostgres1w(kind: WorkloadKind): Promise<BenchTarget> {
  return postgresTarget(kind, 1);
}

/** Four engines (four processes) on one PostgreSQL store. */
export function durablyPostgres4w(kind: WorkloadKind): Promise<BenchTarget> {
  return postgresTarget(kind, 4);
}
