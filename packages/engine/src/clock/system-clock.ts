/**
 * The real-time clock used in production.
 */
import type { CancelTimer, Clock } from "./clock.ts";

// setTimeout overflows above 2^31-1 ms (~24.8 days); longer timers are chained.
const maxDelayMs = 2_147_483_647;

/** Wall-clock time and real timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(at: number, callback: () => void): CancelTimer {
    let handle: ReturnType<typeof setTimeout> | undefined;
    let isCancelled = false;
    const arm = (): void => {
      const delay = at - Date.now();
      if (delay > maxDelayMs) {
        handle = setTimeout(arm, maxDelayMs);
        return;
      }
      handle = setTimeout(
        () => {
          if (!isCancelled) callback();
        },
        Math.max(0, delay),
      );
    };
    arm();
    return () => {
      isCancelled = true;
      if (handle !== undefined) clearTimeout(handle);
    };
  }
}
