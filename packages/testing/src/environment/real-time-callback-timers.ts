/**
 * Keeps callback timeouts in real time while the skipping clock jumps, as the official library does
 * (its callback timers run on real timers in the backend). This Store decorator keeps callback timers
 * itself instead of in the wrapped store: their due time moves forward with each skip (so skipping a
 * 2-day wait does not expire a 1-hour callback timeout), and they stay out of every "what is due"
 * answer until really due, so they never stop the engine from skipping a later wait. A real timer per
 * callback timer wakes the engine when it falls due. Every other timer goes to the wrapped store.
 */
import type { ExecutionCommit, Store, TimerRecord } from "@durably/store";

/** What the decorator needs from the clock. */
export interface SkippedTime {
  /** Clock time (real time plus `skippedMs`). */
  now(): number;
  /** Total time skipped so far, in ms. */
  readonly skippedMs: number;
}

/** A store whose callback timers follow real time; `dispose` cancels its real timers. */
export interface RealTimeCallbackTimerStore {
  store: Store;
  dispose: () => void;
}

/** The store's timer claim (multi-worker stores), typed structurally. */
interface TimerClaim {
  now: number;
  leaseMs: number;
  limit: number;
}

interface HeldTimer {
  timer: TimerRecord;
  /** Time skipped when `timer.dueAt` was set. */
  skippedAtWrite: number;
  handle?: ReturnType<typeof setTimeout>;
}

const isCallbackTimer = (timer: TimerRecord): boolean =>
  timer.kind === "callback-timeout" || timer.kind === "callback-heartbeat";
const keyOf = (timer: { executionId: string; timerId: string }): string =>
  `${timer.executionId}\n${timer.timerId}`;
const byDue = (a: TimerRecord, b: TimerRecord): number =>
  a.dueAt - b.dueAt || (a.timerId < b.timerId ? -1 : a.timerId > b.timerId ? 1 : 0);

/** Wraps `inner`; `wake` asks the engine to look for due work (a callback timer fell due). */
export function withRealTimeCallbackTimers(
  inner: Store,
  clock: SkippedTime,
  wake: () => void,
): RealTimeCallbackTimerStore {
  const held = new Map<string, HeldTimer>();

  const effective = (entry: HeldTimer): TimerRecord => ({
    ...entry.timer,
    dueAt: entry.timer.dueAt + clock.skippedMs - entry.skippedAtWrite,
  });
  const dueNow = (): TimerRecord[] =>
    [...held.values()]
      .map(effective)
      .filter((t) => t.dueAt <= clock.now())
      .sort(byDue);

  const release = (key: string): void => {
    const entry = held.get(key);
    if (entry?.handle !== undefined) clearTimeout(entry.handle);
    held.delete(key);
  };
  const hold = (timer: TimerRecord): void => {
    release(keyOf(timer));
    const entry: HeldTimer = { timer, skippedAtWrite: clock.skippedMs };
    const fire = (): void => {
      const remaining = effective(entry).dueAt - clock.now();
      if (remaining > 0) {
        entry.handle = setTimeout(fire, remaining);
        return;
      }
      delete entry.handle;
      wake();
    };
    entry.handle = setTimeout(fire, Math.max(0, timer.dueAt - clock.now()));
    held.set(keyOf(timer), entry);
  };

  const overrides: Partial<Store> & {
    claimDueTimers?: (claim: TimerClaim) => Promise<TimerRecord[]>;
  } = {
    async commit(change) {
      const callbacks = (change.setTimers ?? []).filter(isCallbackTimer);
      const passed: ExecutionCommit = { ...change };
      if (change.setTimers !== undefined)
        passed.setTimers = change.setTimers.filter((t) => !isCallbackTimer(t));
      const row = await inner.commit(passed);
      for (const key of change.deleteTimers ?? []) release(keyOf(key));
      for (const timer of callbacks) hold(timer);
      return row;
    },
    async listTimers(executionId) {
      const own = [...held.values()]
        .filter((e) => e.timer.executionId === executionId)
        .map(effective);
      return [...(await inner.listTimers(executionId)), ...own].sort(byDue);
    },
    // Callback timers count as due only once really due, also when asked about a future instant.
    async listDueTimers(now, limit) {
      const own = dueNow().filter((t) => t.dueAt <= now);
      return [...(await inner.listDueTimers(now, limit)), ...own].sort(byDue).slice(0, limit);
    },
    async nextTimerDueAt() {
      const dues = [await inner.nextTimerDueAt(), dueNow()[0]?.dueAt].filter(
        (at): at is number => at !== undefined,
      );
      return dues.length === 0 ? undefined : Math.min(...dues);
    },
    async claimDueTimers(claim) {
      const own = dueNow()
        .filter((t) => t.dueAt <= claim.now)
        .slice(0, claim.limit);
      // As the port says: a claimed timer falls due again at now + leaseMs unless it is deleted first.
      for (const timer of own) hold({ ...timer, dueAt: claim.now + claim.leaseMs });
      const rest = claim.limit - own.length;
      const claimInner = (
        inner as { claimDueTimers?: (claim: TimerClaim) => Promise<TimerRecord[]> }
      ).claimDueTimers;
      const others =
        rest > 0 && claimInner !== undefined
          ? await claimInner.call(inner, { ...claim, limit: rest })
          : [];
      return [...own, ...others].sort(byDue);
    },
  };

  const store = new Proxy(inner, {
    get(target, property) {
      if (typeof property === "string" && property in overrides)
        return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function"
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return {
    store,
    dispose() {
      for (const key of held.keys()) release(key);
    },
  };
}
