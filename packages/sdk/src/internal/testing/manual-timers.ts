import type { CancelTimer, Timers } from "../timers.ts";

interface ManualTimer {
  readonly dueAt: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * Timers a test drives by hand: `schedule` only records, {@link fireDue} runs what is due at the
 * manual clock. `defer` stays real (setImmediate) so checkpoint batching works as in production.
 */
export class ManualTimers implements Timers {
  #now: number;
  #timers: ManualTimer[] = [];

  constructor(startAt = 1_000_000) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  schedule(callback: () => void, delayMs: number): CancelTimer {
    const timer: ManualTimer = { dueAt: this.#now + delayMs, callback, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  defer(callback: () => void): void {
    setImmediate(callback);
  }

  /** Delays (from now) of the timers still pending. */
  pendingDelays(): number[] {
    return this.#live().map((timer) => timer.dueAt - this.#now);
  }

  /** Moves the clock forward by `ms` and runs every timer due by then, in due order. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#live()
      .filter((timer) => timer.dueAt <= this.#now)
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const timer of due) {
      timer.cancelled = true;
      timer.callback();
    }
    this.#timers = this.#live();
  }

  #live(): ManualTimer[] {
    return this.#timers.filter((timer) => !timer.cancelled);
  }
}
