/**
 * A fixture for checkpoint tests: one execution whose invocation the test drives by hand, and a
 * snapshot of everything stored for it (to assert that a rejected request wrote nothing).
 */
import type { ExecutionId } from "@durably/store";
import type { Engine } from "../../api/engine-api.ts";
import type { EngineOptions } from "../../api/engine-options.ts";
import type { VirtualClock } from "../../clock/virtual-clock.ts";
import { controlledHandler, testEngine } from "./raw-invocation.ts";
import type { ControlledInvocation } from "./raw-invocation.ts";
import type { InstrumentedStore } from "./instrumented-store.ts";

/** An engine with one running, hand-driven invocation. */
export interface CheckpointFixture {
  engine: Engine;
  store: InstrumentedStore;
  clock: VirtualClock;
  executionId: ExecutionId;
  current: ControlledInvocation;
  /** The next invocation of the execution. */
  next: () => Promise<ControlledInvocation>;
  /** Everything stored for the execution, as JSON. */
  snapshot: () => Promise<string>;
}

/** Starts `fn` and waits for its first invocation. */
export async function openCheckpointFixture(
  options: Partial<EngineOptions> & { input?: unknown } = {},
): Promise<CheckpointFixture> {
  const { input, ...engineOptions } = options;
  const { engine, store, clock } = testEngine(engineOptions);
  const controlled = controlledHandler();
  engine.register("fn", controlled.handler);
  const { execution } = await engine.startExecution({
    functionName: "fn",
    input: input ?? { hello: "world" },
  });
  const executionId = execution.executionId;
  const current = await controlled.next();
  return {
    engine,
    store,
    clock,
    executionId,
    current,
    next: controlled.next,
    snapshot: async () =>
      JSON.stringify({
        execution: await store.getExecution(executionId),
        operations: await store.listOperations(executionId),
        events: await store.listEvents(executionId),
        timers: await store.listTimers(executionId),
      }),
  };
}
