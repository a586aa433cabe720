/**
 * The emulated backend every LocalDurableTestRunner shares: Durably's engine on the in-memory store,
 * with a clock that skips waits and retry back-off when `skipTime` is on. Set up once per test file.
 */
import { SystemClock, createEngine } from "@durably/engine";
import type { Clock, DueWork, DurableFunctionHandler, Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { installDate, isDateFaked } from "./global-date.ts";
import { withRealTimeCallbackTimers } from "./real-time-callback-timers.ts";
import { SkippingClock } from "./skipping-clock.ts";

/** Options of `LocalDurableTestRunner.setupTestEnvironment`. */
export interface LocalDurableTestRunnerSetupParameters {
  /** Skip waits and step retry delays instead of waiting in real time (default false). */
  skipTime?: boolean;
  /** Artificial delay in ms before each checkpoint is processed. */
  checkpointDelay?: number;
}

/** What one `run()` shares with the handlers the engine invokes for it (its own and its invoke targets). */
export interface RunState {
  /** `awsRequestId` of the synthetic Lambda context (one per run). */
  readonly requestId: string;
  /** The invoke targets registered on the runner, by function name. */
  readonly targets: ReadonlyMap<string, DurableFunctionHandler>;
  /** Makes `run()` reject with `error` (a handler threw, an invoke target is not registered). */
  fail(error: unknown): void;
}

/** The running backend. */
export interface TestBackend {
  engine: Engine;
  store: Store;
  clock: Clock;
  skipTime: boolean;
  checkpointDelay: number;
  /** The run in progress of each runner, by the runner's own function name. */
  readonly runs: Map<string, RunState>;
  /** Invoke target names that have a dispatcher registered on the engine. */
  readonly dispatchedTargets: Set<string>;
  dispose(): Promise<void>;
}

// Waits, retries and invocation back-off are skipped; callback timeouts run in real time, as in the
// official library (see real-time-callback-timers.ts).
const skippable = (next: DueWork): boolean =>
  next.kind === "wait" || next.kind === "retry" || next.kind === "ready";

let current: TestBackend | undefined;

/** Starts the backend (replacing a previous one). */
export async function setupBackend(
  params: LocalDurableTestRunnerSetupParameters = {},
): Promise<void> {
  const skipTime = params.skipTime ?? false;
  if (skipTime && current === undefined && isDateFaked()) {
    throw new Error(
      "setupTestEnvironment({ skipTime: true }) cannot install its clock: fake timers are already installed (e.g. jest.useFakeTimers()). Remove them, or call setupTestEnvironment without skipTime.",
    );
  }
  await teardownBackend();
  const memory = createMemoryStore();
  const skipping = skipTime ? new SkippingClock() : undefined;
  const clock: Clock = skipping ?? new SystemClock();
  // A callback timer falling due (in real time) asks the engine to look for due work.
  let wake = (): void => undefined;
  const realTimeCallbacks = skipping
    ? withRealTimeCallbackTimers(memory, skipping, () => wake())
    : undefined;
  const store = realTimeCallbacks?.store ?? memory;
  const restoreDate = skipping ? installDate(() => skipping.now()) : () => {};
  const engine = createEngine({
    store,
    clock,
    ...(skipping ? { autoAdvanceTime: skippable } : {}),
    concurrency: 1000,
    // A handler that throws fails the run at once; the official runner rejects run() too.
    invocationRetry: { maxAttempts: 1 },
  });
  wake = () => void engine.whenIdle();
  engine.start();
  current = {
    engine,
    store,
    clock,
    skipTime,
    checkpointDelay: params.checkpointDelay ?? 0,
    runs: new Map(),
    dispatchedTargets: new Set(),
    async dispose() {
      await engine.stop();
      realTimeCallbacks?.dispose();
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
    throw new Error(
      "The test environment is not set up: call `await LocalDurableTestRunner.setupTestEnvironment()` first (e.g. in beforeAll).",
    );
  }
  return current;
}
