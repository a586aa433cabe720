import type { DurableExecutionInvocationOutput, OperationUpdate } from "@durably/sdk/protocol";
import type {
  CreateExecutionResult,
  ExecutionCommit,
  ExecutionRecord,
  NewExecution,
} from "@durably/store";
import { describe, expect, it } from "vitest";
import { InstrumentedStore } from "../internal/testing/instrumented-store.ts";
import type { RawInvocation } from "../internal/testing/raw-invocation.ts";
import {
  rawHandler,
  signature,
  testEngine,
  testEpoch,
} from "../internal/testing/raw-invocation.ts";

/** A store whose next write matching `failOn` fails, as if the process died just before it. */
class CrashingStore extends InstrumentedStore {
  failOn: ((write: NewExecution | ExecutionCommit) => boolean) | undefined;

  #crash(write: NewExecution | ExecutionCommit): void {
    if (this.failOn?.(write) !== true) return;
    this.failOn = undefined;
    throw new Error("the process died here");
  }
  override createExecution(input: NewExecution): Promise<CreateExecutionResult> {
    this.#crash(input);
    return super.createExecution(input);
  }
  override commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    this.#crash(change);
    return super.commit(change);
  }
}

const invoke: OperationUpdate = {
  Id: "inv",
  Type: "CHAINED_INVOKE",
  SubType: "ChainedInvoke",
  Name: "call",
  Action: "START",
  ChainedInvokeOptions: { FunctionName: "echo" },
  Payload: '"hi"',
};

const caller = rawHandler(async (inv: RawInvocation): Promise<DurableExecutionInvocationOutput> => {
  if (inv.get("inv") === undefined) await inv.checkpoint([invoke]);
  const op = inv.get("inv");
  if (op?.Status === "STARTED") return { Status: "PENDING" };
  return { Status: "SUCCEEDED", Result: op?.ChainedInvokeDetails?.Result };
});
const echo = rawHandler(async (inv) => ({
  Status: "SUCCEEDED",
  Result: JSON.stringify(inv.input),
}));

function setUp(failOn: CrashingStore["failOn"]) {
  const store = new CrashingStore();
  store.failOn = failOn;
  const errors: unknown[] = [];
  const { engine, clock } = testEngine({
    store,
    leaseMs: 30_000,
    onError: (error) => errors.push(error),
    functions: { caller, echo },
  });
  return { engine, store, clock, errors };
}

describe("chained invokes across crashes", () => {
  it("leaves nothing behind and skips no time when no process dies", async () => {
    const { engine, store, clock } = setUp(undefined);
    const { execution } = await engine.startExecution({ functionName: "caller" });
    expect(await engine.waitForExecution(execution.executionId)).toMatchObject({ result: '"hi"' });
    await engine.whenIdle();
    const history = await engine.getHistory(execution.executionId);
    const targetId = history[1]?.ChainedInvokeStartedDetails?.DurableExecutionArn ?? "";
    expect(await store.listTimers(targetId)).toStrictEqual([]);
    expect((await store.getExecution(execution.executionId))?.readyAt).toBeUndefined();
    expect(clock.now()).toBe(testEpoch);
  });

  it("launches the target of a caller whose process died before launching it", async () => {
    const { engine, clock, errors } = setUp(
      (write) => !("expectedVersion" in write) && write.execution.functionName === "echo",
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '"hi"' });
    expect(errors).toHaveLength(1);
    // The caller was invoked again after a lease's length, and its recovery launched the target.
    expect(clock.now()).toBe(testEpoch + 30_000);
    expect(signature(await engine.getHistory(execution.executionId))).toEqual([
      "ExecutionStarted",
      "ChainedInvokeStarted ChainedInvoke call",
      "InvocationCompleted",
      "InvocationCompleted",
      "ChainedInvokeSucceeded ChainedInvoke call",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  it("records the outcome of a target whose process died before recording it on the caller", async () => {
    const { engine, store, clock, errors } = setUp(
      (write) =>
        "events" in write &&
        write.events?.some((event) => event.EventType === "ChainedInvokeSucceeded") === true,
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '"hi"' });
    expect(errors).toHaveLength(1);
    // The target's invoke-result timer fell due a lease's length later and recorded the outcome.
    expect(clock.now()).toBe(testEpoch + 30_000);
    const history = await engine.getHistory(execution.executionId);
    expect(signature(history).filter((s) => s.startsWith("ChainedInvokeSucceeded"))).toHaveLength(
      1,
    );
    const targetId = history[1]?.ChainedInvokeStartedDetails?.DurableExecutionArn ?? "";
    expect(await store.listTimers(targetId)).toStrictEqual([]);
  });
});
