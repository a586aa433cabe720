/**
 * Makes `Date.now()` and `new Date()` in the code under test follow a skipping clock, so a handler
 * that reads the time sees it jump across skipped waits, as with the official library's fake timers.
 */

const OriginalDate: DateConstructor = globalThis.Date;

/** True when something (jest/vitest fake timers, another runner) already replaced the global Date or its now(). */
export function isDateFaked(): boolean {
  return (
    globalThis.Date !== OriginalDate ||
    !/\[native code\]/.test(Function.prototype.toString.call(OriginalDate.now))
  );
}

/** Replaces the global Date with one reading `now`; returns the function that restores it. */
export function installDate(now: () => number): () => void {
  class SkippingDate extends OriginalDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return now();
    }
  }
  globalThis.Date = SkippingDate as DateConstructor;
  return () => {
    globalThis.Date = OriginalDate;
  };
}
