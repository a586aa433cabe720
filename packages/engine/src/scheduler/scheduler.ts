/**
 * Fires due timers on the injected Clock. It keeps one Clock timer, set for the earliest of the
 * next durable timer and the next instant an execution becomes claimable; timers fire one by one
 * in due-time order, each atomically with its deletion, then the worker loop is woken. On a store
 * shared with other processes it also wakes on the store's ready announcements and polls slowly,
 * and claims due timers so that the workers do not all fire the same one. Firing stays correct
 * without the claim (the firing commit is conditional on the version it planned against, and
 * deletes the timer, so a second firer re-reads and finds it gone): the claim only saves the
 * losers their reads and conflicting commits.
 */
import type { TimerRecord } from "@durably/store";
import type { CancelTimer } from "../clock/clock.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { fireTimer } from "./timer-firing.ts";

const batchSize = 64;
const claimBatchSize = 8;

/** The timer loop. */
export class Scheduler {
  readonly #ctx: EngineContext;
  readonly #wake: () => void;
  #isRunning = false;
  #armedAt: number | undefined;
  #cancelArmed: CancelTimer | undefined;
  #cancelPoll: CancelTimer | undefined;
  #unsubscribe: (() => void) | undefined;
  #isFiring = false;
  #fireAgain = false;
  /** Timer firings that wrote something, since creation (progress marker for the idle driver). */
  firedCount = 0;

  /** `wake` asks the worker loop to claim ready executions. */
  constructor(ctx: EngineContext, wake: () => void) {
    this.#ctx = ctx;
    this.#wake = wake;
  }

  start(pollIntervalMs?: number): void {
    this.#isRunning = true;
    const { store, signals } = this.#ctx;
    // Work made ready by other processes; without an instant, announcements may have been missed.
    this.#unsubscribe = store.subscribeReady?.((at) => {
      if (at === undefined) this.rearm();
      else signals.ready(at);
    });
    this.rearm();
    if (pollIntervalMs !== undefined && pollIntervalMs > 0) this.#poll(pollIntervalMs);
  }

  stop(): void {
    this.#isRunning = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cancelArmed?.();
    this.#cancelArmed = undefined;
    this.#armedAt = undefined;
    this.#cancelPoll?.();
  }

  /** Something becomes due at `at` (a timer was set, or an execution will be ready). */
  notify(at: number): void {
    if (!this.#isRunning) return;
    if (at <= this.#ctx.clock.now()) {
      this.fireDue();
      this.#wake();
    } else if (this.#armedAt === undefined || at < this.#armedAt) {
      this.#arm(at);
    }
  }

  /** Fires every timer due now, earliest first, then wakes the workers and re-arms. */
  fireDue(): void {
    if (this.#isFiring) {
      this.#fireAgain = true;
      return;
    }
    this.#isFiring = true;
    this.#ctx.activity.run(async () => {
      try {
        do {
          this.#fireAgain = false;
          await this.#fireBatch();
        } while (this.#fireAgain);
      } finally {
        this.#isFiring = false;
      }
      this.#wake();
      this.rearm();
    }, this.#ctx.reportError);
  }

  /** Looks up the next due instant in the store and sets the Clock timer for it. */
  rearm(): void {
    if (!this.#isRunning) return;
    this.#ctx.activity.run(async () => {
      const { store, clock, functions } = this.#ctx;
      const [timerAt, readyAt] = await Promise.all([
        store.nextTimerDueAt(),
        store.nextReadyAt({ functionNames: functions.names() }),
      ]);
      const now = clock.now();
      if (timerAt !== undefined && timerAt <= now) {
        this.fireDue();
        return;
      }
      if (readyAt !== undefined && readyAt <= now) this.#wake();
      const future = [timerAt, readyAt].filter((at): at is number => at !== undefined && at > now);
      if (future.length > 0) this.#arm(Math.min(...future));
    }, this.#ctx.reportError);
  }

  async #fireBatch(): Promise<void> {
    const { store, clock, config } = this.#ctx;
    if (config.pollIntervalMs !== undefined) {
      // Small batches fired concurrently: a claimed timer waits for its claimer, and a claimer
      // that dies holds back what it claimed for a lease's length.
      for (;;) {
        const now = clock.now();
        const claimed = await store.claimDueTimers({
          now,
          leaseMs: config.leaseMs,
          limit: claimBatchSize,
        });
        // Executions concurrently; the timers of one execution in due-time order.
        const byExecution = new Map<string, TimerRecord[]>();
        for (const timer of claimed) {
          const timers = byExecution.get(timer.executionId);
          if (timers === undefined) byExecution.set(timer.executionId, [timer]);
          else timers.push(timer);
        }
        await Promise.all(
          [...byExecution.values()].map(async (timers) => {
            for (const timer of timers)
              if (await fireTimer(this.#ctx, timer, now + config.leaseMs)) this.firedCount++;
          }),
        );
        if (claimed.length < claimBatchSize) return;
      }
    }
    const seen = new Set<string>();
    for (;;) {
      const due = await store.listDueTimers(clock.now(), batchSize);
      const fresh = due.filter((t) => !seen.has(`${t.executionId}\n${t.timerId}\n${t.dueAt}`));
      if (fresh.length === 0) return;
      for (const timer of fresh) {
        seen.add(`${timer.executionId}\n${timer.timerId}\n${timer.dueAt}`);
        if (await fireTimer(this.#ctx, timer)) this.firedCount++;
      }
    }
  }

  #arm(at: number): void {
    if (!this.#isRunning) return;
    this.#cancelArmed?.();
    this.#armedAt = at;
    this.#cancelArmed = this.#ctx.clock.setTimer(at, () => {
      this.#armedAt = undefined;
      this.#cancelArmed = undefined;
      this.fireDue();
    });
  }

  #poll(intervalMs: number): void {
    this.#cancelPoll = this.#ctx.clock.setTimer(this.#ctx.clock.now() + intervalMs, () => {
      if (!this.#isRunning) return;
      this.fireDue();
      this.#poll(intervalMs);
    });
  }
}
