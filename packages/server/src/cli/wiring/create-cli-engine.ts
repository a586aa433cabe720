/**
 * The engine as the CLI runs it: the given store, the system clock, and a worker id that names
 * this host and process so a later process can recover its leases if it is killed.
 */
import { hostname } from "node:os";
import { createEngine, SystemClock } from "@durably/engine";
import type { Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createWorkerId } from "../worker-id.ts";

/** An engine and the worker id it claims executions under. */
export interface CliEngine {
  engine: Engine;
  workerId: string;
}

/** Settings `durably worker` may change. */
export interface CliEngineTuning {
  concurrency?: number | undefined;
  leaseMs?: number | undefined;
}

/** Creates the engine for one CLI process (not started); `onError` hears of failures in the background. */
export function createCliEngine(
  store: Store,
  onError?: (error: unknown) => void,
  tuning: CliEngineTuning = {},
): CliEngine {
  const workerId = createWorkerId(hostname(), process.pid);
  // The store may be shared with other processes, whose writes raise no event here: a SQLite
  // file is polled every second; a store that announces ready executions (PostgreSQL) wakes the
  // engine itself, which then polls only slowly, as a safety net (the engine's default).
  const engine = createEngine({
    store,
    clock: new SystemClock(),
    workerId,
    ...(store.subscribeReady === undefined ? { pollIntervalMs: 1000 } : {}),
    ...(onError === undefined ? {} : { onError }),
    ...(tuning.concurrency === undefined ? {} : { concurrency: tuning.concurrency }),
    ...(tuning.leaseMs === undefined ? {} : { leaseMs: tuning.leaseMs }),
  });
  return { engine, workerId };
}
