import type { Store, TimerRecord } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withRealTimeCallbackTimers } from "./real-time-callback-timers.ts";

const hour = 3_600_000;
const executionId = "exec-1";

/** A skipping clock by hand: real time (vi fake timers) plus what was skipped. */
function handClock() {
  const clock = { skippedMs: 0, now: () => Date.now() + clock.skippedMs };
  return clock;
}

async function createExecution(store: Store): Promise<number> {
  const { execution } = await store.createExecution({
    execution: {
      executionId,
      name: "e",
      functionName: "f",
      status: "RUNNING",
      startedAt: Date.now(),
      generation: 0,
      checkpointSeq: 0,
      lastEventId: 0,
    },
    operations: [],
    events: [],
    timers: [],
  });
  return execution.version;
}

describe("withRealTimeCallbackTimers", () => {
  let clock: ReturnType<typeof handClock>;
  let wake: ReturnType<typeof vi.fn<() => void>>;
  let store: Store;
  let dispose: () => void;
  let version: number;

  const timer = (timerId: string, kind: TimerRecord["kind"], inMs: number): TimerRecord => ({
    executionId,
    timerId,
    kind,
    operationId: "op",
    dueAt: clock.now() + inMs,
  });
  const set = async (...timers: TimerRecord[]): Promise<void> => {
    version = (await store.commit({ executionId, expectedVersion: version, setTimers: timers }))
      .version;
  };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    clock = handClock();
    wake = vi.fn<() => void>();
    ({ store, dispose } = withRealTimeCallbackTimers(createMemoryStore(), clock, wake));
    version = await createExecution(store);
  });

  afterEach(() => {
    dispose();
    vi.useRealTimers();
  });

  it("keeps a callback timer that is not due out of what is due next, so a later wait can be skipped", async () => {
    await set(timer("cb", "callback-timeout", hour), timer("w", "wait", 48 * hour));

    const waitAt = clock.now() + 48 * hour;
    expect(await store.nextTimerDueAt()).toBe(waitAt);
    expect((await store.listDueTimers(waitAt, 10)).map((t) => t.timerId)).toEqual(["w"]);
  });

  it("moves a callback timer's due time forward by the time skipped after it was written", async () => {
    await set(timer("cb", "callback-timeout", hour));
    const written = (await store.listTimers(executionId))[0]?.dueAt ?? 0;

    clock.skippedMs += 48 * hour;

    expect((await store.listTimers(executionId))[0]?.dueAt).toBe(written + 48 * hour);
    expect(await store.listDueTimers(clock.now(), 10)).toEqual([]);
  });

  it("wakes the engine when the callback timer is due in real time, and lists it as due from then on", async () => {
    await set(timer("cb", "callback-heartbeat", hour));
    clock.skippedMs += 10 * hour;

    await vi.advanceTimersByTimeAsync(hour - 1);
    expect(wake).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    expect(wake).toHaveBeenCalledTimes(1);
    expect((await store.listDueTimers(clock.now(), 10)).map((t) => t.timerId)).toEqual(["cb"]);
    expect(await store.nextTimerDueAt()).toBe(clock.now());
  });

  it("cancels the real timer when the callback timer is deleted", async () => {
    await set(timer("cb", "callback-timeout", hour));
    await store.commit({
      executionId,
      expectedVersion: version,
      deleteTimers: [{ executionId, timerId: "cb" }],
    });

    await vi.advanceTimersByTimeAsync(2 * hour);

    expect(wake).not.toHaveBeenCalled();
    expect(await store.nextTimerDueAt()).toBeUndefined();
  });

  it("hands a due callback timer to one timer claim and makes it due again when the claim lapses", async () => {
    await set(timer("cb", "callback-timeout", hour));
    await vi.advanceTimersByTimeAsync(hour);
    const claim = (
      store as Store & {
        claimDueTimers(c: { now: number; leaseMs: number; limit: number }): Promise<TimerRecord[]>;
      }
    ).claimDueTimers.bind(store);

    expect(
      (await claim({ now: clock.now(), leaseMs: 1000, limit: 10 })).map((t) => t.timerId),
    ).toEqual(["cb"]);
    expect(await claim({ now: clock.now(), leaseMs: 1000, limit: 10 })).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await store.listDueTimers(clock.now(), 10)).map((t) => t.timerId)).toEqual(["cb"]);
  });
});
