import { afterEach, describe, expect, it, vi } from "vitest";
import { SystemClock } from "./system-clock.ts";

describe("SystemClock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires at the instant, also beyond setTimeout's 24.8-day limit", () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new SystemClock();
    const fired: number[] = [];
    const fortyDays = 40 * 86_400_000;
    clock.setTimer(fortyDays, () => fired.push(clock.now()));
    vi.advanceTimersByTime(fortyDays - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([fortyDays]);
  });

  it("can be cancelled", () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new SystemClock();
    let fired = false;
    const cancel = clock.setTimer(100, () => (fired = true));
    cancel();
    vi.advanceTimersByTime(1000);
    expect(fired).toBe(false);
  });
});
