import type { CancelTimer } from "../internal/timers.ts";
import type { TimerRegistry } from "../internal/timer-registry.ts";
import type { Operation } from "../protocol/wire.ts";
import type { ExecutionState } from "./execution-state.ts";

/** What a watch needs from the invocation. */
export interface OperationWatchHost {
  readonly state: ExecutionState;
  readonly timers: TimerRegistry;
  /** Asks the service for changed records (an empty checkpoint, unless one is on its way anyway). */
  refresh(): void;
  /** Lambda time left in ms (Infinity when unknown). */
  remainingTimeMs(): number;
}

const MAX_BACKOFF_POLLS = 10;
const LONG_POLL_AFTER = 95;
const LONG_POLL_MS = 60_000;
const MIN_REMAINING_MS = 1_000;

/**
 * Waits until an operation's record satisfies `isSettled`. The record changes when a checkpoint
 * response carries it; while other work keeps the invocation alive, {@link startPolling} asks the
 * service at the operation's due time and then every 1 s, 2 s, … 10 s (60 s after 95 polls), so a
 * due wait or retry resumes in-process instead of after a re-invocation (spec §13.5).
 */
export class OperationWatch {
  /** Resolves with the record once it is settled. */
  readonly settled: Promise<Operation>;
  readonly #host: OperationWatchHost;
  #isSettled = false;
  #polls = 0;
  #cancelPoll: CancelTimer | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: OperationWatchHost, id: string, isSettled: (operation: Operation) => boolean) {
    this.#host = host;
    const current = host.state.get(id);
    if (current !== undefined && isSettled(current)) {
      this.#isSettled = true;
      this.settled = Promise.resolve(current);
      return;
    }
    this.settled = new Promise((resolve) => {
      this.#unsubscribe = host.state.watch(id, (operation) => {
        if (!isSettled(operation)) return;
        this.#isSettled = true;
        this.#dispose();
        resolve(operation);
      });
    });
  }

  /** True once the record satisfied the condition. */
  get isSettled(): boolean {
    return this.#isSettled;
  }

  /** Polls from `dueAt` (epoch ms; unknown ⇒ in 1 s) until settled or the invocation ends. */
  startPolling(dueAt: number | undefined): void {
    if (this.#isSettled || this.#cancelPoll !== undefined) return;
    const delay = dueAt === undefined ? 1_000 : Math.max(0, dueAt - this.#host.timers.now());
    this.#schedulePoll(delay);
  }

  #schedulePoll(delayMs: number): void {
    if (this.#host.remainingTimeMs() - delayMs <= MIN_REMAINING_MS) return;
    this.#cancelPoll = this.#host.timers.schedule(() => {
      this.#cancelPoll = undefined;
      if (this.#isSettled) return;
      this.#polls++;
      this.#host.refresh();
      const next =
        this.#polls > LONG_POLL_AFTER
          ? LONG_POLL_MS
          : Math.min(this.#polls, MAX_BACKOFF_POLLS) * 1_000;
      this.#schedulePoll(next);
    }, delayMs);
  }

  #dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cancelPoll?.();
    this.#cancelPoll = undefined;
  }
}
