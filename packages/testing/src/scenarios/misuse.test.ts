import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalDurableTestRunner, WaitingOperationStatus } from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const notFound = (status: string): string =>
  `Operation was not found after execution completion. Expected status: ${status}. This typically means the operation was never executed or the test is waiting for the wrong operation.`;

describe("result misuse", () => {
  it("throws the execution's error message from getResult() of a failed run", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => {
        throw new Error("  payment gateway unreachable \n");
      }),
    });

    const result = await runner.run();

    expect(() => result.getResult()).toThrow(new Error("payment gateway unreachable"));
    expect(result.getError().errorMessage).toBe("  payment gateway unreachable \n");
  });

  it("throws from getError() of a succeeded run", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => "fine"),
    });

    const result = await runner.run();

    expect(() => result.getError()).toThrow("Cannot get error for succeeded execution");
  });
});

describe("operation handle misuse", () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      await ctx.step("step", async () => 1);
      await ctx.wait("wait", { seconds: 30 });
      void ctx.wait("never-ends", { days: 3 });
      await ctx.runInChildContext("child", async () => "c");
      return "done";
    }),
  });

  beforeEach(() => runner.reset());

  it("rejects waitForData for an operation the run never created", async () => {
    const missing = runner.getOperation("no-such-operation");
    const waiting = missing.waitForData();

    await runner.run();

    await expect(waiting).rejects.toThrow(notFound("STARTED"));
  });

  it("rejects waitForData(COMPLETED) for an operation that started but never finished", async () => {
    const neverEnds = runner.getOperation("never-ends");
    const started = neverEnds.waitForData(WaitingOperationStatus.STARTED);
    const completed = neverEnds.waitForData(WaitingOperationStatus.COMPLETED);

    await runner.run();

    await expect(started).resolves.toBe(neverEnds);
    await expect(completed).rejects.toThrow(notFound("COMPLETED"));
  });

  it("rejects waitForData on a finished run at once when the data can no longer come", async () => {
    await runner.run();

    await expect(
      runner.getOperation("never-ends").waitForData(WaitingOperationStatus.SUBMITTED),
    ).rejects.toThrow(notFound("SUBMITTED"));
  });

  it("throws when a detail getter does not match the operation's type", async () => {
    await runner.run();
    const step = runner.getOperation("step");
    const wait = runner.getOperation("wait");
    const child = runner.getOperation("child");

    expect(() => wait.getStepDetails()).toThrow("Operation type WAIT is not STEP");
    expect(() => step.getChainedInvokeDetails()).toThrow("Operation type STEP is not INVOKE");
    expect(() => step.getContextDetails()).toThrow("Operation type STEP is not CONTEXT");
    expect(() => child.getWaitDetails()).toThrow("Operation type CONTEXT is not WAIT");
    expect(() => step.getCallbackDetails()).toThrow(
      "Operation with Type STEP and SubType Step is not a valid callback",
    );
    expect(() => child.getCallbackDetails()).toThrow(
      "Operation with Type CONTEXT and SubType RunInChildContext is not a valid callback",
    );
  });

  it("rejects callback sends on a handle without data or on an operation that is not a callback", async () => {
    const nothing = runner.getOperation("absent");
    await expect(nothing.sendCallbackSuccess("x")).rejects.toThrow(
      "Could not find callback details",
    );
    await expect(nothing.sendCallbackFailure()).rejects.toThrow("Could not find callback details");
    await expect(nothing.sendCallbackHeartbeat()).rejects.toThrow(
      "Could not find callback details",
    );

    await runner.run();

    await expect(runner.getOperation("step").sendCallbackSuccess("x")).rejects.toThrow(
      "Operation with Type STEP and SubType Step is not a valid callback",
    );
  });

  it("rejects sending to a callback that already completed", async () => {
    const once = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("once");
        return promise;
      }),
    });
    const callback = once.getOperation("once");
    const run = once.run();
    await callback.waitForData();
    await callback.sendCallbackSuccess("first");
    await run;

    await expect(callback.sendCallbackSuccess("second")).rejects.toThrow(/callback/i);
    expect(callback.getCallbackDetails()?.result).toBe("first");
  });
});

describe("run() rejections", () => {
  it("rejects with the service's error object when the handler returns PENDING with nothing pending", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: async () => ({ Status: "PENDING" }),
    });

    await expect(runner.run()).rejects.toEqual({
      error: {
        ErrorType: "InvalidParameterValueException",
        ErrorMessage: "Cannot return PENDING status with no pending operations.",
      },
      status: "FAILED",
    });
  });

  it("rejects with the handler's error when the handler throws instead of returning", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: async () => {
        throw new Error("[Unrecoverable Invocation] serializer exploded");
      },
    });

    await expect(runner.run()).rejects.toThrow("[Unrecoverable Invocation] serializer exploded");
  });

  it("rejects pending waitForData calls when run() rejects", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: async () => {
        throw new Error("crash");
      },
    });
    const waiting = runner.getOperation("anything").waitForData();

    await expect(runner.run()).rejects.toThrow("crash");
    await expect(waiting).rejects.toThrow(notFound("STARTED"));
  });
});
