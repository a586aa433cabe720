/**
 * Options of `createEngine`.
 */
import type { Store, TimerKind } from "@durably/store";
import type { Clock } from "../clock/clock.ts";
import type { IdSource } from "../internal/ids.ts";
import type { DurableFunctionHandler } from "./engine-api.ts";

/** The next thing that will happen in virtual time: a durable timer, or an execution becoming claimable. */
export interface DueWork {
  /** Instant (epoch ms). */
  at: number;
  /** The timer's kind, or "ready" for an execution becoming claimable (invocation retry back-off, expired lease). */
  kind: TimerKind | "ready";
}

/** Decides whether the engine may jump a manual clock forward to `next` on its own. */
export type AutoAdvancePolicy = (next: DueWork) => boolean;

/** Back-off of invocations whose handler threw. */
export interface InvocationRetryOptions {
  /** Consecutive failed invocations after which the execution fails with the last error (default 3). */
  maxAttempts?: number;
  /** Delay before the first retry (default 1000 ms), doubled per further failure. */
  initialDelayMs?: number;
  /** Upper bound of the delay (default 60 000 ms). */
  maxDelayMs?: number;
}

/** Options of `createEngine`. */
export interface EngineOptions {
  /** Where executions live. The engine depends on the Store port only. */
  store: Store;
  /** Time source; default a SystemClock. */
  clock?: Clock;
  /**
   * When the engine is idle (no invocation running, nothing ready, no write in flight), move the clock
   * (which must be a ManualClock such as VirtualClock) straight to the next due timer or retry instant.
   * `true` allows every kind; a policy function can refuse some (e.g. keep callback timeouts for the test
   * to trigger). Default false.
   */
  autoAdvanceTime?: boolean | AutoAdvancePolicy;
  /** Name under which this engine leases executions (default a random one). */
  workerId?: string;
  /**
   * Invocations run at once, across executions (default 16). One per execution, always. The
   * engine claims only executions of the functions registered on it.
   */
  concurrency?: number;
  /** Lease duration; renewed while an invocation runs past half of it (default 60 000 ms). */
  leaseMs?: number;
  /** Retries of invocations whose handler threw. */
  invocationRetry?: InvocationRetryOptions;
  /** What `getRemainingTimeInMillis()` starts from in each invocation (default 900 000 ms, Lambda's maximum). */
  invocationTimeoutMs?: number;
  /** Delay before an execution of a function this engine does not know is offered again (default 60 000 ms). */
  unknownFunctionRetryMs?: number;
  /**
   * For stores shared with other processes: also look for due work every this many ms, hand due
   * timers out through `claimDueTimers` (so workers do not all fire the same one), and let
   * `waitForExecution` notice executions other processes close. Default off, or 5000 ms for a
   * store that announces ready executions (`subscribeReady`, e.g. PostgreSQL), which wakes the
   * engine at once and leaves the poll as a safety net (lease expiries are not announced).
   */
  pollIntervalMs?: number;
  /** Id source; default node:crypto (inject a seeded one for deterministic tests). */
  ids?: IdSource;
  /** Functions to register at creation. */
  functions?: Record<string, DurableFunctionHandler>;
  /** Receives errors the engine cannot hand to a caller (e.g. a store failure in the background). */
  onError?: (error: unknown) => void;
}
