/**
 * The only module of the SDK that reads the wall clock or sets timers (lint forbids them
 * elsewhere), so time can be replaced in tests by passing another {@link Timers}.
 */

/** Cancels a scheduled callback; calling it after the callback ran is harmless. */
export type CancelTimer = () => void;

/** Time and timer services the SDK runs on. */
export interface Timers {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `delayMs`. */
  schedule(callback: () => void, delayMs: number): CancelTimer;
  /** Runs `callback` after the current turn of the event loop (I/O and microtasks first). */
  defer(callback: () => void): void;
}

/** The system clock and Node's timers. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  schedule(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    return () => clearTimeout(handle);
  },
  defer(callback) {
    setImmediate(callback);
  },
};
