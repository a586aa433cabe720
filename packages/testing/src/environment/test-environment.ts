/**
 * The emulated backend every LocalDurableTestRunner shares: Durably's engine on the in-memory store,
 * with a clock that skips waits and retry back-off when `skipTime` is on. Set up once per test file.
 */
import { SystemClock, createEngine } from "@durably/engine";
import type { Clock, DueWork, Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { installDate, isDateFaked } from "./global-date.ts";
import { SkippingClock } from "./skipping-clock.ts";

/** Options of `LocalDurableTestRunner.setupTestEnvironment`. */
export interface LocalDurableTestRunnerSetupParameters {
  /** Skip waits and step retry delays instead of waiting in real time (default false). */
  skipTime?: boolean;
  /** Artificial delay in ms before each checkpoint is processed. */
  checkpointDelay?: number;
}

/** The running backend. */
export interface TestBackend {
  engine: Engine;
  store: Store;
  clock: Clock;
  skipTime: boolean;
  checkpointDelay: number;
  dispose(): Promise<void>;
}

// Callback timeouts run in real time, as in the official library; waits, retries and invocation
// back-off are skipped.
const skippable = (next: DueWork): boolean => next.kind === "wait" || next.kind === "retry" || next.kind === "ready";

let current: TestBackend | undefined;

/** Starts the backend (replacing a previous one). */
export async function setupBackend(params: LocalDurableTestRunnerSetupParameters = {}): Promise<void> {
  const skipTime = params.skipTime ?? false;
  if (skipTime && current === undefined && isDateFaked()) {
    throw new Error(
      "setupTestEnvironment({ skipTime: true }) cannot install its clock: fake timers are already installed (e.g. jest.useFakeTimers()). Remove them, or call setupTestEnvironment without skipTime.",
    );
  }
  await teardownBackend();
  const store = createMemoryStore();
  const skipping = skipTime ? new SkippingClock() : undefined;
  const clock: Clock = skipping ?? new SystemClock();
  const restoreDate = skipping ? installDate(() => skipping.now()) : () => {};
  const engine = createEngine({
    store,
    clock,
    ...(skipping ? { autoAdvanceTime: skippable } : {}),
    concurrency: 1000,
    // A handler that throws fails the run at once; the official runner rejects run() too.
    invocationRetry: { maxAttempts: 1 },
  });
  engine.start();
  current = {
    engine,
    store,
    clock,
    skipTime,
    checkpointDelay: params.checkpointDelay ?? 0,
    async dispose() {
      await engine.stop();
      skipping?.dispose();
      restoreDate();
      await store.close();
    },
  };
}

/** Stops the backend, restores the real clock. */
export async function teardownBackend(): Promise<void> {
  const backend = current;
  current = undefined;
  await backend?.dispose();
}

/** The running backend, or a clear error when the environment was not set up. */
export function requireBackend(): TestBackend {
  if (!current) {
    throw new Error("The test environment is not set up: call `await LocalDurableTestRunner.setupTestEnvironment()` first (e.g. in beforeAll).");
  }
  return current;
}
