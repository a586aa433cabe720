/**
 * Durable timers of the memory store: per execution by id, and all of them sorted by
 * (dueAt, executionId, timerId) so due timers and the next due time are read from the front.
 */
import type { ExecutionId, TimerRecord } from "../port/records.ts";
import { cloneTimer } from "./clone-records.ts";
import { SortedKeys, type SortKey } from "./sorted-keys.ts";

function timerKey(timer: TimerRecord): SortKey {
  return { at: timer.dueAt, id: timer.executionId, sub: timer.timerId };
}

/** Every timer of a memory store. Returned timers are copies. */
export class TimerIndex {
  readonly #byDueAt = new SortedKeys();
  readonly #byExecution = new Map<ExecutionId, Map<string, TimerRecord>>();

  /** Inserts or replaces a timer (by executionId and timerId). */
  set(timer: TimerRecord): void {
    this.delete(timer.executionId, timer.timerId);
    const stored = cloneTimer(timer);
    let timers = this.#byExecution.get(stored.executionId);
    if (timers === undefined) this.#byExecution.set(stored.executionId, (timers = new Map()));
    timers.set(stored.timerId, stored);
    this.#byDueAt.insert(timerKey(stored));
  }

  /** Deletes a timer; a missing one is ignored. */
  delete(executionId: ExecutionId, timerId: string): void {
    const timers = this.#byExecution.get(executionId);
    const old = timers?.get(timerId);
    if (timers === undefined || old === undefined) return;
    timers.delete(timerId);
    if (timers.size === 0) this.#byExecution.delete(executionId);
    this.#byDueAt.remove(timerKey(old));
  }

  /** Timers due at or before `now`, earliest first, at most `limit`. */
  due(now: number, limit: number): TimerRecord[] {
    const due: TimerRecord[] = [];
    for (let i = 0; i < this.#byDueAt.size && due.length < limit; i++) {
      const key = this.#byDueAt.at(i) as SortKey;
      if (key.at > now) break;
      due.push(cloneTimer(this.#byExecution.get(key.id)?.get(key.sub) as TimerRecord));
    }
    return due;
  }

  /**
   * Moves the timers due at or before `now` (earliest first, at most `limit`) to `until`; returns
   * them as they were.
   */
  claimDue(now: number, until: number, limit: number): TimerRecord[] {
    const due = this.due(now, limit);
    for (const timer of due) this.set({ ...timer, dueAt: until });
    return due;
  }

  /** Earliest due time. */
  nextDueAt(): number | undefined {
    return this.#byDueAt.at(0)?.at;
  }

  /** Timers of one execution by due time, then timer id. */
  list(executionId: ExecutionId): TimerRecord[] {
    const timers = this.#byExecution.get(executionId);
    if (timers === undefined) return [];
    const list = [...timers.values()].sort(
      (a, b) => a.dueAt - b.dueAt || (a.timerId < b.timerId ? -1 : 1),
    );
    return list.map(cloneTimer);
  }
}
