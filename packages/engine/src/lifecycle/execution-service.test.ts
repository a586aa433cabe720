import type { EngineEvent } from "../api/engine-api.ts";
import { DurablyError } from "@durably/store";
import { describe, expect, it } from "vitest";
import {
  controlledHandler,
  rawHandler,
  signature,
  testEngine,
  testEpoch,
} from "../internal/testing/raw-invocation.ts";

const waitForCallback = rawHandler(async (inv) => {
  if (inv.get("cb") === undefined)
    await inv.checkpoint([{ Id: "cb", Type: "CALLBACK", SubType: "Callback", Action: "START" }]);
  const cb = inv.get("cb");
  if (cb?.Status === "STARTED") return { Status: "PENDING" };
  return { Status: "SUCCEEDED", Result: cb?.CallbackDetails?.Result };
});

describe("startExecution", () => {
  it.each([
    {
      name: "a name with a space",
      request: { executionName: "a b" },
      message: /Invalid execution name "a b"/,
    },
    {
      name: "a 65-character name",
      request: { executionName: "x".repeat(65) },
      message: /1 to 64 characters/,
    },
    { name: "a zero timeout", request: { timeoutSeconds: 0 }, message: /Invalid timeoutSeconds 0/ },
    {
      name: "a fractional timeout",
      request: { timeoutSeconds: 1.5 },
      message: /Invalid timeoutSeconds 1.5/,
    },
    {
      name: "a timeout over a year",
      request: { timeoutSeconds: 31_622_401 },
      message: /Invalid timeoutSeconds/,
    },
    {
      name: "an input over 6 MiB of JSON",
      request: { input: "x".repeat(6_291_455) },
      message: /the limit is 6291456/,
    },
    {
      name: "an input that is not JSON-serialisable",
      request: { input: 10n },
      message: /cannot be serialised/,
    },
    {
      name: "an inputPayload that is not JSON",
      request: { inputPayload: "{nope" },
      message: /must be JSON/,
    },
  ])("rejects $name with INVALID_ARGUMENT and writes nothing", async ({ request, message }) => {
    const { engine } = testEngine();
    engine.register("fn", waitForCallback);
    const error = await engine
      .startExecution({ functionName: "fn", ...request })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      name: "InvalidArgumentError",
      message: expect.stringMatching(message),
    });
    expect((await engine.listExecutions()).items).toEqual([]);
  });

  it("rejects an unknown function with NOT_FOUND naming it and the registered ones", async () => {
    const { engine } = testEngine();
    engine.register("orders", waitForCallback);
    engine.register("billing", waitForCallback);
    const error = await engine
      .startExecution({ functionName: "shipping" })
      .catch((e: unknown) => e);
    expect(DurablyError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: "NOT_FOUND", resource: "function", id: "shipping" });
    expect((error as Error).message).toContain('"shipping"');
    expect((error as Error).message).toContain("billing, orders");
  });

  it("is idempotent by function and execution name", async () => {
    const { engine } = testEngine();
    engine.register("fn", waitForCallback);
    const first = await engine.startExecution({
      functionName: "fn",
      executionName: "order-42",
      input: { n: 1 },
    });
    const again = await engine.startExecution({
      functionName: "fn",
      executionName: "order-42",
      input: { n: 2 },
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.execution.executionId).toBe(first.execution.executionId);
    expect(again.execution.input).toBe('{"n":1}');
    expect((await engine.listExecutions({ functionName: "fn" })).items).toHaveLength(1);
  });

  it("creates ARN-like unique execution ids and the EXECUTION operation with the input", async () => {
    const { engine } = testEngine();
    engine.register("fn", waitForCallback);
    const a = await engine.startExecution({
      functionName: "fn",
      executionName: "a",
      input: [1, 2],
    });
    const b = await engine.startExecution({ functionName: "fn" });
    expect(a.execution.executionId).toMatch(
      /^arn:durably:lambda:local:000000000000:function:fn:\$LATEST\/durable-execution\/a\/[0-9a-f-]{36}$/,
    );
    expect(b.execution.executionId).not.toBe(a.execution.executionId);
    const [executionOp] = await engine.getOperations(a.execution.executionId);
    expect(executionOp).toMatchObject({
      Type: "EXECUTION",
      Status: "STARTED",
      ExecutionDetails: { InputPayload: "[1,2]" },
    });
    expect(a.execution).toMatchObject({
      name: "a",
      functionName: "fn",
      status: "RUNNING",
      input: "[1,2]",
      startedAt: testEpoch,
    });
  });
});

describe("reads", () => {
  it("reports NOT_FOUND for unknown executions", async () => {
    const { engine } = testEngine();
    const calls = [
      () => engine.getExecution("arn:nope"),
      () => engine.getOperations("arn:nope"),
      () => engine.getHistory("arn:nope"),
      () => engine.waitForExecution("arn:nope"),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND", resource: "execution" });
    }
  });

  it("pages history", async () => {
    const { engine } = testEngine();
    engine.register("fn", waitForCallback);
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.whenIdle();
    expect(
      signature(await engine.getHistory(execution.executionId, { afterEventId: 1, limit: 1 })),
    ).toEqual(["CallbackStarted Callback"]);
  });
});

describe("stopExecution", () => {
  it("stops a suspended execution, records ExecutionStopped and drops its timers", async () => {
    // Auto-advance may not jump to the execution timeout here, or it would time out before the stop.
    const { engine, store } = testEngine({
      autoAdvanceTime: (next) => next.kind !== "execution-timeout",
    });
    engine.register("fn", waitForCallback);
    const { execution } = await engine.startExecution({ functionName: "fn", timeoutSeconds: 3600 });
    await engine.whenIdle();
    const stopped = await engine.stopExecution(execution.executionId, {
      ErrorType: "Cancelled",
      ErrorMessage: "by operator",
    });
    expect(stopped).toMatchObject({
      status: "STOPPED",
      error: { ErrorMessage: "by operator" },
      endedAt: testEpoch,
    });
    expect(await store.listTimers(execution.executionId)).toEqual([]);
    const history = await engine.getHistory(execution.executionId);
    expect(history.at(-1)).toMatchObject({
      EventType: "ExecutionStopped",
      ExecutionStoppedDetails: { Error: { Payload: { ErrorMessage: "by operator" } } },
    });
    expect((await engine.getOperations(execution.executionId))[0]?.Status).toBe("STOPPED");
    await expect(engine.waitForExecution(execution.executionId)).resolves.toMatchObject({
      status: "STOPPED",
    });
  });

  it("refuses to stop an execution that is not RUNNING", async () => {
    const { engine } = testEngine();
    engine.register(
      "fn",
      rawHandler(async () => ({ Status: "SUCCEEDED", Result: "1" })),
    );
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.waitForExecution(execution.executionId);
    const error = await engine.stopExecution(execution.executionId).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "EXECUTION_CLOSED",
      status: "SUCCEEDED",
      name: "ExecutionClosedError",
    });
    await expect(engine.stopExecution("arn:nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("stops a running invocation: its next checkpoint is rejected and its end records only InvocationCompleted", async () => {
    const { engine } = testEngine();
    const controlled = controlledHandler();
    engine.register("fn", controlled.handler);
    const { execution } = await engine.startExecution({ functionName: "fn" });
    const { invocation, finish } = await controlled.next();
    await engine.stopExecution(execution.executionId);
    await expect(
      invocation.checkpoint([{ Id: "s", Type: "STEP", Action: "START" }]),
    ).rejects.toMatchObject({
      code: "STALE_TOKEN",
      message: expect.stringContaining("has already completed (STOPPED)"),
    });
    finish({ Status: "SUCCEEDED", Result: "1" });
    await engine.whenIdle();
    const done = await engine.getExecution(execution.executionId);
    expect(done.status).toBe("STOPPED");
    expect(signature(await engine.getHistory(execution.executionId))).toEqual([
      "ExecutionStarted",
      "ExecutionStopped",
      "InvocationCompleted",
    ]);
  });
});

describe("execution timeout", () => {
  it("times the execution out when its timeout elapses", async () => {
    const { engine, store, clock } = testEngine();
    engine.register("fn", waitForCallback);
    const { execution } = await engine.startExecution({ functionName: "fn", timeoutSeconds: 60 });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({
      status: "TIMED_OUT",
      endedAt: testEpoch + 60_000,
      error: { ErrorType: "Execution.Timeout" },
    });
    expect(clock.now()).toBe(testEpoch + 60_000);
    const history = await engine.getHistory(execution.executionId);
    expect(history[0]).toMatchObject({
      EventType: "ExecutionStarted",
      ExecutionStartedDetails: { ExecutionTimeout: 60 },
    });
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "CallbackStarted Callback",
      "InvocationCompleted",
      "ExecutionTimedOut",
    ]);
    expect(await store.listTimers(execution.executionId)).toEqual([]);
    const callbackId =
      (await engine.getOperations(execution.executionId))[1]?.CallbackDetails?.CallbackId ?? "";
    await expect(engine.sendCallbackSuccess(callbackId)).rejects.toMatchObject({
      code: "EXECUTION_CLOSED",
    });
  });
});

describe("subscribe", () => {
  it("streams what happens to executions", async () => {
    const { engine } = testEngine();
    engine.register("fn", waitForCallback);
    const seen: EngineEvent["type"][] = [];
    const unsubscribe = engine.subscribe((event) => seen.push(event.type));
    const { execution } = await engine.startExecution({ functionName: "fn" });
    await engine.whenIdle();
    const callbackId =
      (await engine.getOperations(execution.executionId))[1]?.CallbackDetails?.CallbackId ?? "";
    await engine.sendCallbackSuccess(callbackId, '"ok"');
    await engine.waitForExecution(execution.executionId);
    unsubscribe();
    expect(seen).toEqual([
      "execution-started",
      "invocation-started",
      "operations-changed",
      "invocation-completed",
      "operations-changed",
      "invocation-started",
      "operations-changed",
      "execution-completed",
      "invocation-completed",
    ]);
  });
});
