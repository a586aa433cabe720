import type { DurableExecutionInvocationOutput, OperationUpdate } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import type { RawInvocation } from "../internal/testing/raw-invocation.ts";
import { rawHandler, signature, testEngine } from "../internal/testing/raw-invocation.ts";

const invoke = (functionName: string, payload?: string): OperationUpdate => ({
  Id: "inv",
  Type: "CHAINED_INVOKE",
  SubType: "ChainedInvoke",
  Name: "call",
  Action: "START",
  ChainedInvokeOptions: { FunctionName: functionName },
  ...(payload === undefined ? {} : { Payload: payload }),
});

/** Invokes `target` with `payload` and returns its result, or fails with its error. */
function caller(target: string, payload?: string) {
  return rawHandler(async (inv: RawInvocation): Promise<DurableExecutionInvocationOutput> => {
    if (inv.get("inv") === undefined) await inv.checkpoint([invoke(target, payload)]);
    const op = inv.get("inv");
    if (op?.Status === "STARTED") return { Status: "PENDING" };
    if (op?.Status === "SUCCEEDED")
      return { Status: "SUCCEEDED", Result: op.ChainedInvokeDetails?.Result };
    return {
      Status: "FAILED",
      Error: {
        ErrorType: "InvokeError",
        ErrorMessage: `${op?.Status}: ${op?.ChainedInvokeDetails?.Error?.ErrorMessage}`,
      },
    };
  });
}

const echo = rawHandler(async (inv) => ({
  Status: "SUCCEEDED",
  Result: JSON.stringify(inv.input),
}));

describe("chained invoke", () => {
  it("runs the target as its own execution and records its result on the caller", async () => {
    const { engine } = testEngine();
    engine.register("caller", caller("echo", '"hi"'));
    engine.register("echo", echo);
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '"hi"' });
    const history = await engine.getHistory(execution.executionId);
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "ChainedInvokeStarted ChainedInvoke call",
      "InvocationCompleted",
      "ChainedInvokeSucceeded ChainedInvoke call",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    const targetId = history[1]?.ChainedInvokeStartedDetails?.DurableExecutionArn ?? "";
    expect(history[1]?.ChainedInvokeStartedDetails).toMatchObject({
      FunctionName: "echo",
      Input: { Payload: '"hi"', Truncated: false },
      ExecutedVersion: "$LATEST",
    });
    expect(history[3]?.ChainedInvokeSucceededDetails).toEqual({
      Result: { Payload: '"hi"', Truncated: false },
    });
    const target = await engine.getExecution(targetId);
    expect(target).toMatchObject({
      functionName: "echo",
      status: "SUCCEEDED",
      input: '"hi"',
      result: '"hi"',
    });
  });

  it("records a failed target's error", async () => {
    const { engine } = testEngine();
    engine.register("caller", caller("broken"));
    engine.register(
      "broken",
      rawHandler(async () => ({
        Status: "FAILED",
        Error: { ErrorType: "Boom", ErrorMessage: "target failed" },
      })),
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.error?.ErrorMessage).toBe("FAILED: target failed");
    const failed = (await engine.getHistory(execution.executionId)).find(
      (e) => e.EventType === "ChainedInvokeFailed",
    );
    expect(failed?.ChainedInvokeFailedDetails).toEqual({
      Error: { Payload: { ErrorType: "Boom", ErrorMessage: "target failed" }, Truncated: false },
    });
  });

  it("records a stopped target as STOPPED", async () => {
    const { engine } = testEngine();
    engine.register("caller", caller("forever"));
    engine.register(
      "forever",
      rawHandler(async (inv) => {
        if (inv.get("cb") === undefined)
          await inv.checkpoint([
            { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" },
          ]);
        return { Status: "PENDING" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    await engine.whenIdle();
    const targetId =
      (await engine.getHistory(execution.executionId))[1]?.ChainedInvokeStartedDetails
        ?.DurableExecutionArn ?? "";
    await engine.stopExecution(targetId, { ErrorMessage: "halt" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.error?.ErrorMessage).toBe("STOPPED: halt");
    expect(signature(await engine.getHistory(execution.executionId))).toContain(
      "ChainedInvokeStopped ChainedInvoke call",
    );
  });

  it("fails the invoke when the target function is not registered", async () => {
    const { engine } = testEngine();
    engine.register("caller", caller("missing"));
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.error?.ErrorMessage).toContain('No function found for function name "missing"');
    const op = (await engine.getOperations(execution.executionId))[1];
    expect(op).toMatchObject({
      Status: "FAILED",
      ChainedInvokeDetails: { Error: { ErrorType: "ResourceNotFoundException" } },
    });
  });

  it("stops the target when the caller cancels the invoke", async () => {
    const { engine } = testEngine();
    engine.register(
      "caller",
      rawHandler(async (inv) => {
        if (inv.get("inv") === undefined) {
          await inv.checkpoint([invoke("forever")]);
          await inv.checkpoint([{ Id: "inv", Type: "CHAINED_INVOKE", Action: "CANCEL" }]);
        }
        return { Status: "SUCCEEDED" };
      }),
    );
    engine.register(
      "forever",
      rawHandler(async (inv) => {
        if (inv.get("cb") === undefined)
          await inv.checkpoint([
            { Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" },
          ]);
        return { Status: "PENDING" };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    await engine.waitForExecution(execution.executionId);
    await engine.whenIdle();
    const targetId =
      (await engine.getHistory(execution.executionId))[1]?.ChainedInvokeStartedDetails
        ?.DurableExecutionArn ?? "";
    expect((await engine.getExecution(targetId)).status).toBe("STOPPED");
    expect((await engine.getOperations(execution.executionId))[1]?.Status).toBe("STOPPED");
  });
});
