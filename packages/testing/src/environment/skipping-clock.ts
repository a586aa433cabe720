/**
 * The clock of time-skipping test runs: it advances with real time, and the engine can also jump it
 * forward to the next due timer when nothing else can run (a wait or a retry back-off). It reads the
 * real clock through the `Date.now` captured at load, so patching the global `Date` cannot loop.
 */
import type { CancelTimer, ManualClock } from "@durably/engine";

const realNow: () => number = Date.now.bind(Date);

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
}

/** Real time plus the time skipped so far. */
export class SkippingClock implements ManualClock {
  #offsetMs = 0;
  #timers: PendingTimer[] = [];
  #order = 0;
  #realTimer: ReturnType<typeof setTimeout> | undefined;

  now(): number {
    return realNow() + this.#offsetMs;
  }

  /** Total time skipped, in ms. */
  get skippedMs(): number {
    return this.#offsetMs;
  }

  setTimer(at: number, callback: () => void): CancelTimer {
    const timer: PendingTimer = { at, order: this.#order++, callback };
    this.#timers.push(timer);
    this.#arm();
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) this.#timers.splice(index, 1);
      this.#arm();
    };
  }

  advanceTo(at: number): void {
    const now = this.now();
    if (at > now) this.#offsetMs += at - now;
    this.#fireDue();
  }

  /** Cancels every pending timer (the environment is being torn down). */
  dispose(): void {
    this.#timers = [];
    if (this.#realTimer !== undefined) clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
  }

  #fireDue(): void {
    for (;;) {
      const now = this.now();
      let best: PendingTimer | undefined;
      for (const t of this.#timers) {
        if (t.at > now) continue;
        if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
      }
      if (!best) break;
      this.#timers.splice(this.#timers.indexOf(best), 1);
      best.callback();
    }
    this.#arm();
  }

  /** Keeps one real timer for the earliest pending timer, so timers also fire as real time passes. */
  #arm(): void {
    if (this.#realTimer !== undefined) clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
    let earliest: number | undefined;
    for (const t of this.#timers) if (earliest === undefined || t.at < earliest) earliest = t.at;
    if (earliest === undefined) return;
    const delay = Math.max(0, Math.min(earliest - this.now(), 2_147_483_647));
    this.#realTimer = setTimeout(() => {
      this.#realTimer = undefined;
      this.#fireDue();
    }, delay);
    this.#realTimer.unref?.();
  }
}
