/**
 * What the engine's services share. Built once by `createEngine`; `signals` are wired there so
 * services can notify each other without importing each other.
 */
import type { ExecutionRecord, Store } from "@durably/store";
import type { Clock } from "../clock/clock.ts";
import type { Activity } from "./activity.ts";
import type { EventHub } from "./event-hub.ts";
import type { FunctionRegistry } from "./function-registry.ts";
import type { IdSource } from "./ids.ts";

/** Resolved configuration. */
export interface EngineConfig {
  workerId: string;
  concurrency: number;
  leaseMs: number;
  invocationRetry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  invocationTimeoutMs: number;
  unknownFunctionRetryMs: number;
  /**
   * Set when the store is shared with other processes: the engine then also polls at this
   * interval (for work they made due), claims due timers rather than listing them, and watches
   * the executions `waitForExecution` waits on.
   */
  pollIntervalMs?: number;
}

/** Notifications between services. */
export interface EngineSignals {
  /** A durable timer was set for `dueAt`. */
  timerSet(dueAt: number): void;
  /** Some execution is (or will be, at `at`) ready for an invocation. */
  ready(at?: number): void;
  /** An execution reached a terminal status (`execution` is the committed row). */
  executionClosed(execution: ExecutionRecord): void;
  /** An invocation's end was written; `execution` is the row after it (waiters of a closed one may go on). */
  invocationReleased(execution: ExecutionRecord): void;
  /** Records the outcome of a closed invoked execution on its caller (an `invoke-result` timer fell due). */
  deliverInvokeResult(execution: ExecutionRecord): Promise<void>;
}

/** Shared services and configuration. */
export interface EngineContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly config: EngineConfig;
  readonly functions: FunctionRegistry;
  readonly hub: EventHub;
  readonly activity: Activity;
  readonly signals: EngineSignals;
  /** Reports a background error. */
  readonly reportError: (error: unknown) => void;
}
