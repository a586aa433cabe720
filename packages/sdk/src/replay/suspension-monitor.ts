import type { TimerRegistry } from "../internal/timer-registry.ts";
import { TerminationReason } from "./termination.ts";

/** Where an operation is in its life, as far as suspension is concerned (spec §13.5). */
export const OperationLifecycle = {
  /** A step or check body is running. */
  EXECUTING: "EXECUTING",
  /** A retry is scheduled; the next attempt waits for the service. */
  RETRY_WAITING: "RETRY_WAITING",
  /** A wait/callback/invoke is started and nobody awaits it. */
  IDLE_NOT_AWAITED: "IDLE_NOT_AWAITED",
  /** A wait/callback/invoke is started and awaited. */
  IDLE_AWAITED: "IDLE_AWAITED",
  /** Nothing left to do. */
  COMPLETED: "COMPLETED",
} as const;
/** One of {@link OperationLifecycle}'s values. */
export type OperationLifecycle = (typeof OperationLifecycle)[keyof typeof OperationLifecycle];

/** The default pause between "nothing can run" and suspending, in which a handler may still finish. */
export const SUSPENSION_COOLDOWN_MS = 20;

/** What the monitor needs from the invocation. */
export interface SuspensionMonitorOptions {
  readonly timers: TimerRegistry;
  /** No checkpoint queued or in flight. */
  isCheckpointIdle(): boolean;
  suspend(reason: TerminationReason): void;
  readonly cooldownMs?: number | undefined;
}

/**
 * Counts operations by lifecycle state and suspends the invocation when nothing is executing, no
 * checkpoint is outstanding and something waits — after a cooldown, re-checked when it fires.
 * Counters make every transition O(1); a finished child context removes its live descendants.
 */
export class SuspensionMonitor {
  readonly #options: SuspensionMonitorOptions;
  /** The scope of the root context. */
  readonly root: LifecycleScope;
  #executing = 0;
  #retryWaiting = 0;
  #idleWaits = 0;
  #idleOthers = 0;
  #cooldownPending = false;
  #stopped = false;

  constructor(options: SuspensionMonitorOptions) {
    this.#options = options;
    this.root = new LifecycleScope(this, undefined);
  }

  /** Re-evaluates the suspension condition; call after a transition or a checkpoint batch. */
  evaluate(): void {
    if (this.#stopped || this.#cooldownPending || !this.#canSuspend()) return;
    this.#cooldownPending = true;
    this.#options.timers.schedule(() => {
      this.#cooldownPending = false;
      if (!this.#stopped && this.#canSuspend()) this.#options.suspend(this.#reason());
    }, this.#options.cooldownMs ?? SUSPENSION_COOLDOWN_MS);
  }

  /** Never suspends from now on (the handler finished or the invocation ends otherwise). */
  stop(): void {
    this.#stopped = true;
  }

  /** @internal Moves one operation's contribution between counters. */
  count(state: OperationLifecycle | undefined, subType: string, delta: number): void {
    switch (state) {
      case OperationLifecycle.EXECUTING:
        this.#executing += delta;
        break;
      case OperationLifecycle.RETRY_WAITING:
        this.#retryWaiting += delta;
        break;
      case OperationLifecycle.IDLE_AWAITED:
      case OperationLifecycle.IDLE_NOT_AWAITED:
        if (subType === "Wait") this.#idleWaits += delta;
        else this.#idleOthers += delta;
        break;
      default:
        break;
    }
  }

  #canSuspend(): boolean {
    return (
      this.#executing === 0 &&
      this.#retryWaiting + this.#idleWaits + this.#idleOthers > 0 &&
      this.#options.isCheckpointIdle()
    );
  }

  #reason(): TerminationReason {
    if (this.#retryWaiting > 0) return TerminationReason.RETRY_SCHEDULED;
    if (this.#idleWaits > 0) return TerminationReason.WAIT_SCHEDULED;
    return TerminationReason.CALLBACK_PENDING;
  }
}

/**
 * The operations of one context. When a child context finishes, its scope is finished: its live
 * operations (and those of nested scopes) stop counting, so they neither block nor cause suspension.
 */
export class LifecycleScope {
  readonly #monitor: SuspensionMonitor;
  /** The enclosing scope; undefined at the root. */
  readonly parent: LifecycleScope | undefined;
  readonly #live = new Set<TrackedOperation>();
  readonly #children = new Set<LifecycleScope>();
  #finished = false;

  constructor(monitor: SuspensionMonitor, parent: LifecycleScope | undefined) {
    this.#monitor = monitor;
    this.parent = parent;
  }

  /** False once this scope or an ancestor finished. */
  isActive(): boolean {
    if (this.#finished) return false;
    return this.parent === undefined || this.parent.isActive();
  }

  /** Starts tracking an operation of this scope. */
  track(subType: string): TrackedOperation {
    return new TrackedOperation(this.#monitor, this, subType);
  }

  /** A scope for a child context. */
  createChild(): LifecycleScope {
    const child = new LifecycleScope(this.#monitor, this);
    this.#children.add(child);
    return child;
  }

  /** Abandons every live operation below this scope. */
  finish(): void {
    this.#abandon();
    if (this.parent !== undefined) this.parent.#children.delete(this);
    this.#monitor.evaluate();
  }

  #abandon(): void {
    this.#finished = true;
    for (const operation of this.#live) operation.abandon();
    this.#live.clear();
    for (const child of this.#children) child.#abandon();
    this.#children.clear();
  }

  /** @internal */
  attach(operation: TrackedOperation, live: boolean): void {
    if (live) this.#live.add(operation);
    else this.#live.delete(operation);
  }
}

/** One operation's lifecycle state, counted by the monitor. */
export class TrackedOperation {
  readonly #monitor: SuspensionMonitor;
  readonly #scope: LifecycleScope;
  readonly #subType: string;
  #state: OperationLifecycle | undefined;
  #abandoned = false;

  constructor(monitor: SuspensionMonitor, scope: LifecycleScope, subType: string) {
    this.#monitor = monitor;
    this.#scope = scope;
    this.#subType = subType;
  }

  /** The current state; undefined before the first transition. */
  get state(): OperationLifecycle | undefined {
    return this.#state;
  }

  /** Moves to `next` and lets the monitor re-evaluate. */
  set(next: OperationLifecycle): void {
    const previous = this.#state;
    if (previous === next || previous === OperationLifecycle.COMPLETED) return;
    this.#state = next;
    // Not yet counted: its context may have finished since it was tracked.
    if (previous === undefined && !this.#abandoned) this.#abandoned = !this.#scope.isActive();
    if (this.#abandoned) return;
    this.#monitor.count(previous, this.#subType, -1);
    this.#monitor.count(next, this.#subType, 1);
    const live = next !== OperationLifecycle.COMPLETED;
    if (live !== (previous !== undefined)) this.#scope.attach(this, live);
    if (next !== OperationLifecycle.EXECUTING) this.#monitor.evaluate();
  }

  /** @internal Stops counting (its context finished). */
  abandon(): void {
    if (this.#abandoned) return;
    this.#monitor.count(this.#state, this.#subType, -1);
    this.#abandoned = true;
  }
}
