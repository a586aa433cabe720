/**
 * Durably in-process on the memory store or on SQLite with durable commits, engine defaults otherwise.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SystemClock, createEngine } from "@durably/engine";
import type { Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { createSqliteStore } from "@durably/store/sqlite";
import type { WorkloadKind } from "../workloads/workload.ts";
import { durablyHandlers } from "./durably-handlers.ts";
import type { BenchTarget } from "./implementation.ts";

/** Starts an execution of `kind` and waits for its result (parsed). */
export async function runOnEngine(
  engine: Engine,
  kind: WorkloadKind,
  input: number,
): Promise<unknown> {
  const { execution } = await engine.startExecution({ functionName: kind, input });
  const done = await engine.waitForExecution(execution.executionId);
  if (done.status !== "SUCCEEDED")
    throw new Error(`execution ${done.status}: ${JSON.stringify(done.error)}`);
  return done.result === undefined ? undefined : (JSON.parse(done.result) as unknown);
}

/** An engine over `store` with the handler of `kind` registered under the kind's name, started. */
export function startEngine(store: Store, kind: WorkloadKind): Engine {
  const engine = createEngine({ store, clock: new SystemClock() });
  engine.register(kind, durablyHandlers[kind]);
  engine.start();
  return engine;
}

function engineTarget(store: Store, kind: WorkloadKind, cleanup: () => void): BenchTarget {
  const engine = startEngine(store, kind);
  return {
    runOne: (k, input) => runOnEngine(engine, k, input),
    async close() {
      await engine.stop();
      await store.close();
      cleanup();
    },
  };
}

/** Durably with the in-memory store. */
export async function durablyMemory(kind: WorkloadKind): Promise<BenchTarget> {
  return engineTarget(createMemoryStore(), kind, () => {});
}

/** Durably with a SQLite file (WAL, synchronous=FULL: every acknowledged checkpoint is on disk). */
export async function durablySqlite(kind: WorkloadKind): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), "durably-bench-"));
  // Stated explicitly: the default guarantee mode (FULL), with the default group commit.
  const store = createSqliteStore({ path: join(dir, "bench.db"), synchronous: "FULL" });
  return engineTarget(store, kind, () => rmSync(dir, { recursive: true, force: true }));
}
