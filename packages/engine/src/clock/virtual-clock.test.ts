import { describe, expect, it } from "vitest";
import { isManualClock } from "./clock.ts";
import { VirtualClock } from "./virtual-clock.ts";

describe("VirtualClock", () => {
  it("stands still until advanced, then fires due timers earliest first", () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimer(3000, () => fired.push("c"));
    clock.setTimer(2000, () => fired.push("a"));
    clock.setTimer(2000, () => fired.push("b"));
    expect(clock.now()).toBe(1000);
    expect(clock.nextTimerAt()).toBe(2000);
    clock.advanceTo(2500);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(2500);
    clock.advanceBy(500);
    expect(fired).toEqual(["a", "b", "c"]);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it("never goes backwards and fires timers set in the past at once on the next advance", () => {
    const clock = new VirtualClock(5000);
    clock.advanceTo(1000);
    expect(clock.now()).toBe(5000);
    let fired = false;
    clock.setTimer(10, () => (fired = true));
    clock.advanceTo(5000);
    expect(fired).toBe(true);
  });

  it("fires timers a callback sets when they are already due, and skips cancelled ones", () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    const cancel = clock.setTimer(50, () => fired.push(50));
    clock.setTimer(10, () => clock.setTimer(20, () => fired.push(20)));
    cancel();
    clock.advanceTo(100);
    expect(fired).toEqual([20]);
  });

  it("is a manual clock", () => {
    expect(isManualClock(new VirtualClock())).toBe(true);
    expect(isManualClock({ now: () => 0, setTimer: () => () => undefined })).toBe(false);
  });
});
