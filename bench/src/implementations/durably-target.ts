/**
 * Durably in-process on the memory store or on SQLite with durable commits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SystemClock, createEngine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { createSqliteStore } from "@durably/store/sqlite";
import type { WorkloadCase } from "../workloads/workload.ts";
import type { BenchTarget } from "./implementation.ts";

async function engineTarget(store: Store, workload: WorkloadCase, cleanup: () => void): Promise<BenchTarget> {
  const engine = createEngine({ store, clock: new SystemClock() });
  engine.register(workload.functionName, workload.handler);
  engine.start();
  return {
    async runOne(w, input) {
      const { execution } = await engine.startExecution({ functionName: w.functionName, input });
      const done = await engine.waitForExecution(execution.executionId);
      if (done.status !== "SUCCEEDED") throw new Error(`execution ${done.status}: ${JSON.stringify(done.error)}`);
      return done.result === undefined ? undefined : (JSON.parse(done.result) as unknown);
    },
    async close() {
      await engine.stop();
      await store.close();
      cleanup();
    },
  };
}

/** Durably with the in-memory store. */
export function durablyMemory(workload: WorkloadCase): Promise<BenchTarget> {
  return engineTarget(createMemoryStore(), workload, () => {});
}

/** Durably with a SQLite file (WAL, synchronous=FULL: every acknowledged checkpoint is on disk). */
export function durablySqlite(workload: WorkloadCase): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), "durably-bench-"));
  const store = createSqliteStore({ path: join(dir, "bench.db") });
  return engineTarget(store, workload, () => rmSync(dir, { recursive: true, force: true }));
}
