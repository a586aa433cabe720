import type { CancelTimer, Timers } from "./timers.ts";

/**
 * The timers of one invocation. Everything it scheduled is cancelled by {@link dispose}, so an
 * invocation that returned leaves nothing behind that could keep the process alive or fire late.
 */
export class TimerRegistry {
  readonly #timers: Timers;
  readonly #pending = new Set<CancelTimer>();
  #disposed = false;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#timers.now();
  }

  /** Runs `callback` after the current turn of the event loop. */
  defer(callback: () => void): void {
    this.#timers.defer(callback);
  }

  /** Runs `callback` once after `delayMs`, unless cancelled or disposed first. */
  schedule(callback: () => void, delayMs: number): CancelTimer {
    if (this.#disposed) return noop;
    const cancel: CancelTimer = () => {
      if (this.#pending.delete(cancel)) cancelInner();
    };
    const cancelInner = this.#timers.schedule(() => {
      if (this.#pending.delete(cancel)) callback();
    }, delayMs);
    this.#pending.add(cancel);
    return cancel;
  }

  /** Cancels every pending timer; later {@link schedule} calls do nothing. */
  dispose(): void {
    this.#disposed = true;
    for (const cancel of Array.from(this.#pending)) cancel();
  }
}

function noop(): void {}
