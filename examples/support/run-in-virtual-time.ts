/**
 * Runs a durable handler to its end on the engine itself, with the in-memory store and a virtual
 * clock that jumps to the next due timer whenever nothing else can happen: callback timeouts
 * included, which the testing library's runner keeps in real time. The example tests use it for
 * the "nobody answered for days" paths.
 */
import { createEngine, VirtualClock } from "@durably/engine";
import type { DurableFunctionHandler, ExecutionSummary } from "@durably/engine";
import type { Event } from "@durably/sdk/protocol";
import { createMemoryStore } from "@durably/store/memory";

/** The finished execution, its history, and how much virtual time it took. */
export interface VirtualRun {
  execution: ExecutionSummary;
  history: Event[];
  /** Virtual milliseconds from start to end. */
  elapsedMs: number;
  /** The execution's result, JSON-parsed (undefined when it has none). */
  result: unknown;
}

/** Runs `handler` on `input` until its execution ends; each call has its own engine and store. */
export async function runInVirtualTime(
  handler: (event: any, context: any) => Promise<unknown>,
  input: unknown,
): Promise<VirtualRun> {
  const start = Date.UTC(2025, 0, 6, 9, 0, 0);
  const store = createMemoryStore();
  const engine = createEngine({
    store,
    clock: new VirtualClock(start),
    autoAdvanceTime: true,
    functions: { handler: handler as DurableFunctionHandler },
  });
  engine.start();
  try {
    const started = await engine.startExecution({ functionName: "handler", input });
    const execution = await engine.waitForExecution(started.execution.executionId);
    return {
      execution,
      history: await engine.getHistory(execution.executionId),
      elapsedMs: (execution.endedAt ?? start) - start,
      result: execution.result === undefined ? undefined : JSON.parse(execution.result),
    };
  } finally {
    await engine.stop();
    await store.close();
  }
}
