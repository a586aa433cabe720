/**
 * The worker loop: claims ready executions through the store (lease, fencing generation) up to the
 * configured concurrency and runs one invocation for each. Woken by anything that may have made an
 * execution ready; one invocation per execution at a time is the store's lease guarantee.
 */
import type { ExecutionRecord } from "@durably/store";
import type { EngineContext } from "../internal/engine-context.ts";
import type { InvocationRunner } from "./invocation-runner.ts";

/** Claims and runs invocations. */
export class WorkerLoop {
  readonly #ctx: EngineContext;
  readonly #runner: InvocationRunner;
  readonly #running = new Map<object, Promise<void>>();
  #isStarted = false;
  #isClaiming = false;
  #claimAgain = false;
  #claimLoop: Promise<void> = Promise.resolve();

  constructor(ctx: EngineContext, runner: InvocationRunner) {
    this.#ctx = ctx;
    this.#runner = runner;
  }

  /** True between start() and stop(). */
  get isStarted(): boolean {
    return this.#isStarted;
  }

  start(): void {
    this.#isStarted = true;
    this.pump();
  }

  /** Stops claiming and waits for running invocations to end (each releases its lease). */
  async stop(): Promise<void> {
    this.#isStarted = false;
    await this.#claimLoop;
    while (this.#running.size > 0) await Promise.allSettled(this.#running.values());
  }

  /** Claims ready executions while there is capacity. */
  pump(): void {
    if (!this.#isStarted) return;
    if (this.#isClaiming) {
      this.#claimAgain = true;
      return;
    }
    this.#isClaiming = true;
    this.#claimLoop = this.#ctx.activity.track(this.#claim().catch(this.#ctx.reportError));
  }

  async #claim(): Promise<void> {
    const { store, clock, config } = this.#ctx;
    try {
      do {
        this.#claimAgain = false;
        while (this.#isStarted && this.#running.size < config.concurrency) {
          // Only the functions registered here: other workers may host the rest.
          const claimed = await store.claimReady({
            workerId: config.workerId,
            now: clock.now(),
            leaseMs: config.leaseMs,
            limit: config.concurrency - this.#running.size,
            functionNames: this.#ctx.functions.names(),
          });
          for (const row of claimed) this.#launch(row);
          if (claimed.length === 0) break;
        }
      } while (this.#claimAgain && this.#isStarted);
    } finally {
      this.#isClaiming = false;
    }
  }

  #launch(row: ExecutionRecord): void {
    const key = {};
    const run = this.#ctx.activity.track(
      (async () => {
        try {
          await this.#runner.run(row);
        } catch (error) {
          this.#ctx.reportError(error);
        } finally {
          this.#running.delete(key);
          this.pump();
        }
      })(),
    );
    this.#running.set(key, run);
  }
}
