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
