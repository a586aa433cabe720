/**
 * A clock for tests and the testing library: time stands still until advanced.
 */
import type { CancelTimer, ManualClock } from "./clock.ts";

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

/** Virtual time: never moves by itself; `advanceTo`/`advanceBy` move it and fire due timers in order. */
export class VirtualClock implements ManualClock {
  #now: number;
  #timers: PendingTimer[] = [];
  #order = 0;

  /** Starts at `startAt` (epoch ms), by default the current wall-clock time. */
  constructor(startAt: number = Date.now()) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimer(at: number, callback: () => void): CancelTimer {
    const timer: PendingTimer = { at, order: this.#order++, callback };
    this.#timers.push(timer);
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) this.#timers.splice(index, 1);
    };
  }

  advanceTo(at: number): void {
    if (at > this.#now) this.#now = at;
    // Timers set by a firing callback fire too when they are already due.
    for (;;) {
      const next = this.#nextDue();
      if (next === undefined) return;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      next.callback();
    }
  }

  /** Moves time forward by `ms` milliseconds. */
  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** Instant of the earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    let earliest: number | undefined;
    for (const timer of this.#timers)
      if (earliest === undefined || timer.at < earliest) earliest = timer.at;
    return earliest;
  }

  /** Number of timers not fired yet. */
  get pendingTimerCount(): number {
    return this.#timers.length;
  }

  #nextDue(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers) {
      if (timer.at > this.#now) continue;
      if (
        best === undefined ||
        timer.at < best.at ||
        (timer.at === best.at && timer.order < best.order)
      )
        best = timer;
    }
    return best;
  }
}
