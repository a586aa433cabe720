/**
 * The time port. Everything in the engine reads time and sets timers through a Clock, so tests
 * and the testing library can skip time.
 */

/** Cancels a timer set with {@link Clock.setTimer}. */
export type CancelTimer = () => void;

/** A source of time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once, at or after the instant `at` (epoch ms). */
  setTimer(at: number, callback: () => void): CancelTimer;
}

/** A clock that only moves when told to (the engine's `autoAdvanceTime` drives one). */
export interface ManualClock extends Clock {
  /** Moves time forward to `at` (never backwards) and fires every timer due by then, earliest first. */
  advanceTo(at: number): void;
}

/** True when `clock` can be moved by hand. */
export function isManualClock(clock: Clock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advanceTo === "function";
}
