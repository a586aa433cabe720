/**
 * Knows when the engine is idle and, in virtual time, moves the clock. Idle means: no tracked work
 * in flight (invocations, timer firing, claims, API writes), nothing claimable and no timer due at the
 * clock's current time. With an auto-advance policy, an idle engine jumps a ManualClock to the next
 * due instant the policy allows and carries on — so a wait fires only after the invocation that
 * started it has ended, and timers fire in due-time order, exactly as in real time.
 */
import type { AutoAdvancePolicy, DueWork } from "../api/engine-options.ts";
import { isManualClock } from "../clock/clock.ts";
import type { ManualClock } from "../clock/clock.ts";
import { InvalidArgumentError } from "../errors/engine-errors.ts";
import type { EngineContext } from "../internal/engine-context.ts";

/** What the driver needs from the rest of the engine. */
export interface IdleDriverHooks {
  isStarted(): boolean;
  /** Ask the worker loop to claim. */
  pump(): void;
  /** Ask the scheduler to fire due timers. */
  fireDue(): void;
  /** A counter that grows whenever work gets done (handlers invoked, timers fired). */
  progress(): number;
}

type Step = "working" | "idle";

/** Idle detection and virtual-time driving. */
export class IdleDriver {
  readonly #ctx: EngineContext;
  readonly #policy: AutoAdvancePolicy | undefined;
  readonly #hooks: IdleDriverHooks;
  #waiters: (() => void)[] = [];
  #isChecking = false;
  #checkAgain = false;
  /** The last nudge given at a given instant and progress count, to stop a nudge that achieves nothing. */
  #lastNudge = "";
  /** Progress count at the last clock advance: two advances without progress between them stop the driving. */
  #progressAtAdvance: number | undefined;

  constructor(ctx: EngineContext, policy: AutoAdvancePolicy | undefined, hooks: IdleDriverHooks) {
    if (policy !== undefined && !isManualClock(ctx.clock)) {
      throw new InvalidArgumentError(
        "autoAdvanceTime needs a clock that can be advanced (a ManualClock such as VirtualClock).",
      );
    }
    this.#ctx = ctx;
    this.#policy = policy;
    this.#hooks = hooks;
  }

  /** Called whenever the last tracked task settles. */
  onQuiet(): void {
    if (this.#policy === undefined && this.#waiters.length === 0) return;
    void this.#check();
  }

  /** Resolves at the next moment the engine is idle. */
  whenIdle(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.#ctx.activity.busyCount === 0) void this.#check();
    return idle;
  }

  /** Advances a manual clock to the next due instant, then waits for idle; returns the instant. */
  async advanceToNextDue(): Promise<number | undefined> {
    const clock = this.#manualClock();
    await this.whenIdle();
    const next = await this.#nextDue();
    if (next === undefined) return undefined;
    this.#advance(clock, next.at);
    await this.whenIdle();
    return next.at;
  }

  async #check(): Promise<void> {
    if (this.#isChecking) {
      this.#checkAgain = true;
      return;
    }
    this.#isChecking = true;
    try {
      let step: Step;
      do {
        this.#checkAgain = false;
        step = await this.#step();
      } while (step === "idle" && this.#checkAgain);
      if (step === "idle") {
        const waiters = this.#waiters;
        this.#waiters = [];
        for (const resolve of waiters) resolve();
      }
    } catch (error) {
      this.#ctx.reportError(error);
    } finally {
      this.#isChecking = false;
    }
  }

  /** One look at the engine: start what can run now, else advance time if allowed, else report idle. */
  async #step(): Promise<Step> {
    const { activity, clock, store, functions } = this.#ctx;
    if (activity.busyCount > 0) return "working";
    if (!this.#hooks.isStarted()) return "idle";
    const [timerAt, readyAt] = await Promise.all([
      store.nextTimerDueAt(),
      store.nextReadyAt({ functionNames: functions.names() }),
    ]);
    if (activity.busyCount > 0) return "working";
    const now = clock.now();
    if (timerAt !== undefined && timerAt <= now)
      return this.#nudge("fire", timerAt, () => this.#hooks.fireDue());
    if (readyAt !== undefined && readyAt <= now)
      return this.#nudge("pump", readyAt, () => this.#hooks.pump());
    if (this.#policy === undefined) return "idle";
    const next = await this.#nextDue(timerAt, readyAt);
    if (activity.busyCount > 0) return "working";
    if (next === undefined || !this.#policy(next)) return "idle";
    // E.g. an execution of a function no engine here knows, offered back again and again: stop.
    const progress = this.#hooks.progress();
    if (this.#progressAtAdvance === progress) return "idle";
    this.#progressAtAdvance = progress;
    return this.#nudge("advance", next.at, () => this.#advance(this.#manualClock(), next.at));
  }

  /** Runs `action` unless the same action at the same instant already ran without any progress since. */
  #nudge(kind: string, at: number, action: () => void): Step {
    const key = `${kind}:${at}:${this.#hooks.progress()}`;
    if (key === this.#lastNudge) return "idle";
    this.#lastNudge = key;
    action();
    return this.#ctx.activity.busyCount > 0 ? "working" : "idle";
  }

  #advance(clock: ManualClock, at: number): void {
    clock.advanceTo(at);
    this.#hooks.fireDue();
    this.#hooks.pump();
  }

  async #nextDue(knownTimerAt?: number, knownReadyAt?: number): Promise<DueWork | undefined> {
    const { store, functions } = this.#ctx;
    const timerAt = knownTimerAt ?? (await store.nextTimerDueAt());
    const readyAt = knownReadyAt ?? (await store.nextReadyAt({ functionNames: functions.names() }));
    if (timerAt === undefined && readyAt === undefined) return undefined;
    if (timerAt !== undefined && (readyAt === undefined || timerAt <= readyAt)) {
      const [timer] = await store.listDueTimers(timerAt, 1);
      return { at: timerAt, kind: timer?.kind ?? "wait" };
    }
    return { at: readyAt ?? timerAt ?? 0, kind: "ready" };
  }

  #manualClock(): ManualClock {
    const clock = this.#ctx.clock;
    if (!isManualClock(clock))
      throw new InvalidArgumentError(
        "advanceToNextDue needs a clock that can be advanced (a ManualClock such as VirtualClock).",
      );
    return clock;
  }
}
