import { describe, expect, test } from "vitest";
import {
  CallbackError,
  createRetryStrategy,
  JitterStrategy,
  retryPresets,
  StepError,
  StepInterruptedError,
  StepSemantics,
} from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const noJitter = (maxAttempts: number) =>
  createRetryStrategy({
    maxAttempts,
    initialDelay: { seconds: 2 },
    backoffRate: 2,
    jitter: JitterStrategy.NONE,
  });

describe("step failures, retries and semantics", () => {
  test("a failing step without retries sends FAIL and throws StepError with the original name as cause", async () => {
    const service = new FakeDurableService();
    const caught: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      try {
        await ctx.step(
          "bad",
          async () => {
            throw new TypeError("boom");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      } catch (error) {
        caught.push(error);
      }
      await ctx.wait({ seconds: 1 });
      try {
        await ctx.step("bad-again", async () => 1);
      } catch (error) {
        caught.push(error);
      }
      return "done";
    });
    await service.run(handler);
    expect(service.updates[1]).toEqual({
      Id: "c4ca4238a0b92382",
      Name: "bad",
      Type: "STEP",
      SubType: "Step",
      Action: "FAIL",
      Error: { ErrorType: "TypeError", ErrorMessage: "boom" },
    });
    // First invocation (live) and second (replayed from the record) see the same error.
    expect(caught).toHaveLength(2);
    for (const error of caught) {
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).message).toBe("boom");
      expect((error as StepError).cause?.name).toBe("TypeError");
    }
  });

  test("a durable error thrown by the body keeps its class", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      try {
        await ctx.step(
          async () => {
            throw new CallbackError("nope", undefined, "data");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      } catch (error) {
        return {
          isCallbackError: error instanceof CallbackError,
          data: (error as CallbackError).errorData,
        };
      }
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ isCallbackError: true, data: "data" }),
    });
  });

  test("a non-Error throwable reaches the strategy as 'Unknown Error' and fails as 'Unknown error'", async () => {
    const service = new FakeDurableService();
    const seen: string[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        async () => {
          throw "a string";
        },
        {
          retryStrategy: (error) => {
            seen.push(error.message);
            return { shouldRetry: false };
          },
        },
      ),
    );
    const { output } = await service.run(handler);
    expect(seen).toEqual(["Unknown Error"]);
    expect(output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "Unknown error" },
    });
  });

  test("a throwing retry strategy fails the step with the strategy's error", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        async () => {
          throw new Error("body");
        },
        {
          retryStrategy: () => {
            throw new RangeError("strategy");
          },
        },
      ),
    );
    const { output } = await service.run(handler);
    expect(service.updates[1]?.Error).toEqual({
      ErrorType: "RangeError",
      ErrorMessage: "strategy",
    });
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "strategy" },
    });
  });

  test("retries with RETRY updates, the strategy's delay, 1-based attempts, and suspends between attempts", async () => {
    const service = new FakeDurableService();
    const attempts: number[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        "flaky",
        async (step) => {
          attempts.push(step.attempt);
          if (step.attempt < 3) throw new Error(`fail ${step.attempt}`);
          return "third time";
        },
        { retryStrategy: noJitter(5) },
      ),
    );
    const { output, invocations } = await service.run(handler);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"third time"' });
    expect(invocations.map((invocation) => invocation.Status)).toEqual([
      "PENDING",
      "PENDING",
      "SUCCEEDED",
    ]);
    expect(attempts).toEqual([1, 2, 3]);
    expect(
      service.updates.map((update) => [update.Action, update.StepOptions?.NextAttemptDelaySeconds]),
    ).toEqual([
      ["START", undefined],
      ["RETRY", 2],
      ["START", undefined],
      ["RETRY", 4],
      ["START", undefined],
      ["SUCCEED", undefined],
    ]);
    expect(service.updates[1]?.Error).toEqual({ ErrorType: "Error", ErrorMessage: "fail 1" });
    expect(service.operation(hashOperationId("1"))?.StepDetails?.Attempt).toBe(3);
  });

  test("the default strategy makes 6 attempts, then FAIL; the record's Attempt is 6", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(async () => {
        throw new Error("always");
      }),
    );
    const { output, invocations } = await service.run(handler);
    expect(invocations).toHaveLength(6);
    expect(output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "always" },
    });
    const retries = service.updates.filter((update) => update.Action === "RETRY");
    expect(retries).toHaveLength(5);
    for (const retry of retries) {
      expect(retry.StepOptions?.NextAttemptDelaySeconds).toBeGreaterThanOrEqual(1);
      expect(retry.StepOptions?.NextAttemptDelaySeconds).toBeLessThanOrEqual(60);
    }
    expect(service.operation(hashOperationId("1"))?.StepDetails?.Attempt).toBe(6);
  });

  test("a retry decision without delay waits one second", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        async (step) => {
          if (step.attempt === 1) throw new Error("once");
          return step.attempt;
        },
        { retryStrategy: () => ({ shouldRetry: true }) },
      ),
    );
    await service.run(handler);
    expect(service.updates[1]?.StepOptions).toEqual({ NextAttemptDelaySeconds: 1 });
  });

  test("a retry that becomes READY while other work runs resumes in the same invocation", async () => {
    const service = new FakeDurableService();
    // The service makes the retry READY as soon as it is scheduled; the response carries it.
    service.onCheckpoint((fake) => {
      const timer = fake.pendingTimers()[0];
      if (timer !== undefined) fake.fireTimer(timer.id);
    });
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        async (step) => {
          if (step.attempt === 1) throw new Error("once");
          return step.attempt;
        },
        { retryStrategy: noJitter(3) },
      ),
    );
    const { invocations } = await service.run(handler);
    expect(invocations).toEqual([{ Status: "SUCCEEDED", Result: "2" }]);
  });

  test("at-most-once awaits START before running the body", async () => {
    const service = new FakeDurableService();
    const requestsAtBodyStart: number[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        async () => {
          requestsAtBodyStart.push(service.requests.length);
          return 1;
        },
        { semantics: StepSemantics.AtMostOncePerRetry },
      ),
    );
    await service.run(handler);
    expect(requestsAtBodyStart).toEqual([1]);
    expect(
      service.requests.map((request) => request.Updates?.map((update) => update.Action)),
    ).toEqual([["START"], ["SUCCEED"]]);
  });

  test("at-most-once: a STARTED record on replay is not re-run; StepInterruptedError goes to the strategy", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Name: "charge",
      Status: "STARTED",
    });
    const errors: unknown[] = [];
    let runs = 0;
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(
        "charge",
        async () => {
          runs++;
          return "charged";
        },
        {
          semantics: StepSemantics.AtMostOncePerRetry,
          retryStrategy: (error, attempt) => {
            errors.push(error);
            return { shouldRetry: attempt < 2, delay: { seconds: 3 } };
          },
        },
      ),
    );
    const { output } = await service.run(handler);
    expect(errors[0]).toBeInstanceOf(StepInterruptedError);
    expect((errors[0] as Error).message).toBe(
      "The step execution process was initiated but failed to reach completion due to an interruption.",
    );
    expect(service.updates[0]).toMatchObject({
      Action: "RETRY",
      Error: { ErrorType: "StepInterruptedError" },
    });
    // The retried attempt runs normally.
    expect(runs).toBe(1);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"charged"' });
  });

  test("at-least-once: a STARTED record on replay runs the body again without a new START", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "STARTED",
    });
    const handler = durableHandler(async (_event, ctx) => ctx.step(async (step) => step.attempt));
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(service.updates.map((update) => update.Action)).toEqual(["SUCCEED"]);
  });

  test("a recorded FAILED step without error replays as StepError('Unknown error')", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "FAILED",
    });
    const handler = durableHandler(async (_event, ctx) => ctx.step(async () => 1));
    expect((await service.run(handler)).output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "Unknown error" },
    });
  });
});
