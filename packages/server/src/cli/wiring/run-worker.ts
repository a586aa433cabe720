/**
 * `durably worker`: one worker process of a fleet sharing a store (PostgreSQL, usually). It hosts
 * every durable handler the modules export, claims ready executions of those functions, and runs
 * them until SIGTERM/SIGINT; then it stops claiming, lets the invocations in flight finish (each
 * releases its lease as it ends), closes the store and exits 0. A second signal exits at once
 * (130): leases still held expire and other workers take those executions over.
 */
import { hostname } from "node:os";
import type { DurableFunctionHandler } from "@durably/engine";
import type { CliIo } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { isProcessAlive, recoverOrphanedLeases } from "../lease-recovery.ts";
import { collectHandlers } from "../module/collect-handlers.ts";
import type { PickedHandler } from "../module/pick-handler.ts";
import { loadUserModule, moduleBaseName } from "../module/load-user-module.ts";
import { createCliEngine } from "./create-cli-engine.ts";
import { onInterrupt } from "./on-interrupt.ts";
import { describeStoreLocation, openStore } from "./open-store.ts";
import type { StoreLocation } from "./open-store.ts";

/** What `durably worker` was asked to do. */
export interface WorkerRequest {
  modulePaths: readonly string[];
  location: StoreLocation;
  /** Invocations run at once (default: the engine's). */
  concurrency?: number | undefined;
  /** Lease length (default: the engine's). */
  leaseMs?: number | undefined;
  /** Print a line per invocation. */
  verbose: boolean;
}

/** Runs the worker until a signal; returns the exit code. */
export async function runWorker(request: WorkerRequest, io: CliIo): Promise<number> {
  // Everything that can be wrong with the command line fails before the database is touched.
  const handlers = await loadHandlers(request.modulePaths, io.cwd);
  const store = await openStore(request.location, { cwd: io.cwd, create: true });
  try {
    const recovered = await recoverOrphanedLeases(store, {
      hostname: hostname(),
      now: Date.now(),
      isProcessAlive,
    });
    const { engine, workerId } = createCliEngine(store, warnings(io), {
      concurrency: request.concurrency,
      leaseMs: request.leaseMs,
    });
    for (const picked of handlers)
      engine.register(picked.functionName, picked.handler as unknown as DurableFunctionHandler);
    // Only when asked: a listener makes the engine build an event for every change.
    if (request.verbose) {
      engine.subscribe((event) => {
        if (event.type === "invocation-completed")
          io.stdout.write(`${event.status} ${event.executionId}\n`);
      });
    }
    const interrupted = onInterrupt(async () => {
      io.stdout.write("Stopping: no new claims; finishing the invocations in flight…\n");
      await engine.stop();
    });
    try {
      const colors = colorsFor(io, io.stdout);
      io.stdout.write(
        `${colors.bold("durably worker")} ${workerId}\n` +
          `  functions:   ${handlers.map((picked) => picked.functionName).join(", ")}\n` +
          `  database:    ${describeStoreLocation(request.location)}\n` +
          (recovered.length > 0
            ? `  recovered:   ${recovered.length} execution(s) whose process on this host was killed\n`
            : "") +
          "Ready: claiming executions. Stop with Ctrl-C or SIGTERM.\n",
      );
      engine.start();
      await interrupted.promise;
      io.stdout.write("Stopped.\n");
      return ExitCode.OK;
    } finally {
      interrupted.dispose();
    }
  } finally {
    await store.close();
  }
}

/** Every handler the modules export, under its export name (a default one under its file name). */
async function loadHandlers(modulePaths: readonly string[], cwd: string): Promise<PickedHandler[]> {
  const modules = [];
  for (const modulePath of modulePaths) {
    const loaded = await loadUserModule(modulePath, cwd);
    modules.push({
      modulePath,
      defaultExportName: moduleBaseName(loaded.path),
      namespace: loaded.namespace,
    });
  }
  return collectHandlers(modules);
}

/**
 * Reports background failures (the database restarting, say) on stderr, each distinct message at
 * most every few seconds: a worker keeps retrying, and its log should stay readable meanwhile.
 */
function warnings(io: CliIo): (error: unknown) => void {
  const lastShown = new Map<string, number>();
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    if ((lastShown.get(message) ?? -Infinity) > now - 5000) return;
    if (lastShown.size > 100) lastShown.clear();
    lastShown.set(message, now);
    io.stderr.write(`warning: ${message}\n`);
  };
}
