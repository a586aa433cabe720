/**
 * Running the chaos-orders fixture from a test: the reference results of a run without faults (in
 * this process, virtual time, memory store), an engine that starts orders and answers their
 * callbacks on a shared store, and the wait for them all to finish.
 */
import { existsSync, readFileSync } from "node:fs";
import {
  CallbackClosedError,
  createEngine,
  ExecutionClosedError,
  VirtualClock,
} from "@durably/engine";
import type { DurableFunctionHandler, Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import { chaosOrder, scoreOrder } from "../fixtures/chaos-orders.ts";
import type { OrderResult } from "../fixtures/chaos-orders.ts";

/** The fixture's functions, under the names `durably worker` registers them with. */
export const orderFunctions: Record<string, DurableFunctionHandler> = {
  chaosOrder: chaosOrder as unknown as DurableFunctionHandler,
  scoreOrder: scoreOrder as unknown as DurableFunctionHandler,
};

/** The callback answer of order `id`: the tests and the reference agree on it. */
export const approvalOf = (id: number): string =>
  JSON.stringify({ approvedBy: `reviewer-${"x".repeat(id % 5)}` });

/** Answers the callbacks the fixture writes to `file`, through `engine`. */
export class CallbackResponder {
  readonly #file: string;
  readonly #engine: Engine;
  #offset = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #busy = false;
  /** Callbacks answered (each once: a repeated line is a submitter that ran again). */
  readonly answered: Set<string> = new Set();
  /** Errors other than "already completed", for the test to report. */
  readonly errors: unknown[] = [];

  constructor(file: string, engine: Engine) {
    this.#file = file;
    this.#engine = engine;
  }

  start(intervalMs = 50): void {
    this.#timer = setInterval(() => void this.poll(), intervalMs);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }

  /** Answers the lines written since the last poll. */
  async poll(): Promise<void> {
    if (this.#busy || !existsSync(this.#file)) return;
    this.#busy = true;
    try {
      const text = readFileSync(this.#file, "utf8");
      const end = text.lastIndexOf("\n") + 1;
      const lines = text
        .slice(this.#offset, end)
        .split("\n")
        .filter((line) => line !== "");
      for (const line of lines) {
        const [callbackId = "", id = ""] = line.split("\t");
        if (!this.answered.has(callbackId)) {
          try {
            await this.#engine.sendCallbackSuccess(callbackId, approvalOf(Number(id)));
          } catch (error) {
            const isDone =
              error instanceof CallbackClosedError || error instanceof ExecutionClosedError;
            if (!isDone) {
              // The database may be restarting: leave the line for the next poll.
              this.errors.push(error);
              return;
            }
          }
          this.answered.add(callbackId);
        }
        this.#offset += line.length + 1;
      }
    } finally {
      this.#busy = false;
    }
  }
}

/** The results of orders `ids` in a run without faults: one process, memory store, virtual time. */
export async function referenceResults(
  ids: readonly number[],
  callbackFile: string,
): Promise<Map<number, OrderResult>> {
  const previous = process.env["DURABLY_E2E_CALLBACKS"];
  process.env["DURABLY_E2E_CALLBACKS"] = callbackFile;
  const engine = createEngine({
    store: createMemoryStore(),
    clock: new VirtualClock(Date.UTC(2025, 0, 1)),
    autoAdvanceTime: true,
    concurrency: 64,
    functions: orderFunctions,
  });
  const responder = new CallbackResponder(callbackFile, engine);
  responder.start(5);
  try {
    engine.start();
    const results = await Promise.all(
      ids.map(async (id) => {
        const { execution } = await engine.startExecution({
          functionName: "chaosOrder",
          input: { id },
        });
        const done = await engine.waitForExecution(execution.executionId);
        if (done.status !== "SUCCEEDED") throw new Error(`reference order ${id}: ${done.status}`);
        return [id, JSON.parse(done.result ?? "null") as OrderResult] as const;
      }),
    );
    return new Map(results);
  } finally {
    responder.stop();
    await engine.stop();
    if (previous === undefined) delete process.env["DURABLY_E2E_CALLBACKS"];
    else process.env["DURABLY_E2E_CALLBACKS"] = previous;
  }
}

/** An engine over `store` that starts orders and answers callbacks, and runs nothing itself. */
export function frontEngine(store: Store): Engine {
  return createEngine({
    store,
    functions: orderFunctions,
    pollIntervalMs: 500,
    onError: () => undefined,
  });
}

/** Starts orders `ids` (named `order-<id>`, so a retry after a failed start is harmless). */
export async function startOrders(engine: Engine, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(
      ids.slice(i, i + 50).map((id) =>
        engine.startExecution({
          functionName: "chaosOrder",
          input: { id },
          executionName: `order-${id}`,
        }),
      ),
    );
  }
}

/** How far a run is: orders finished, executions (orders and invoked ones) still running. */
export interface OrderProgress {
  finished: number;
  running: number;
}

/** Polls `progress` until `count` orders finished and nothing runs, or fails after `timeoutMs` (errors are retried). */
export async function waitForOrders(
  progress: () => Promise<OrderProgress>,
  count: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderProgress = { finished: 0, running: 0 };
  for (;;) {
    try {
      last = await progress();
      if (last.finished >= count && last.running === 0) return;
    } catch {
      // The database may be down for a moment (the fault tests restart it).
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out: ${last.finished}/${count} orders finished, ${last.running} running.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
