import {
  JitterStrategy,
  StepError,
  createRetryStrategy,
  retryPresets,
  withDurableExecution,
} from "@durably/sdk";
import type { DurableContext, StepConfig } from "@durably/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecutionStatus, LocalDurableTestRunner, OperationStatus } from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** A handler whose step fails `failures` times before it succeeds. */
function flakyRunner(failures: number, config?: StepConfig<string>) {
  const attempts: number[] = [];
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const started = await ctx.step("started", async () => Date.now());
      const value = await ctx.step(
        "flaky",
        async (step) => {
          attempts.push(step.attempt);
          if (step.attempt <= failures) throw new Error(`attempt ${step.attempt} failed`);
          return `ok on ${step.attempt}`;
        },
        config,
      );
      const elapsed = await ctx.step("elapsed", async () => Date.now() - started);
      return { value, elapsed };
    }),
  });
  return { runner, attempts };
}

describe("step retries", () => {
  it("retries a failing step and counts attempts in getStepDetails().attempt", async () => {
    const { runner, attempts } = flakyRunner(2);

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({ value: "ok on 3" });
    expect(attempts).toEqual([1, 2, 3]);
    expect(runner.getOperation("flaky").getStepDetails()).toMatchObject({
      attempt: 3,
      result: "ok on 3",
      error: undefined,
    });
  });

  it("gives up after the default preset's six attempts and fails the execution with the last error", async () => {
    const { runner, attempts } = flakyRunner(100);

    const result = await runner.run();

    expect(result.getStatus()).toBe(ExecutionStatus.FAILED);
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.getError()).toMatchObject({
      errorType: "StepError",
      errorMessage: "attempt 6 failed",
    });
    const flaky = runner.getOperation("flaky");
    expect(flaky.getStatus()).toBe(OperationStatus.FAILED);
    expect(flaky.getStepDetails()?.attempt).toBe(6);
    expect(flaky.getStepDetails()?.error?.errorMessage).toBe("attempt 6 failed");
    const failedEvents = result
      .getHistoryEvents()
      .filter((e) => e.EventType === "StepFailed" && e.Name === "flaky");
    expect(failedEvents).toHaveLength(6);
  });

  it("skips the exponential back-off in time but moves Date.now() across it", async () => {
    // No jitter: delays are exactly 5 s, 10 s, 20 s.
    const { runner } = flakyRunner(3, {
      retryStrategy: createRetryStrategy({
        maxAttempts: 5,
        initialDelay: { seconds: 5 },
        backoffRate: 2,
        jitter: JitterStrategy.NONE,
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toEqual({ value: "ok on 4", elapsed: expect.any(Number) });
    expect((result.getResult() as { elapsed: number }).elapsed).toBeGreaterThanOrEqual(35_000);
    const retryDelays = result
      .getHistoryEvents()
      .filter((e) => e.EventType === "StepFailed")
      .map((e) => e.StepFailedDetails?.RetryDetails?.NextAttemptDelaySeconds);
    expect(retryDelays).toEqual([5, 10, 20]);
  });

  it("retries with the linear preset at 1, 2, 3 … seconds", async () => {
    const { runner } = flakyRunner(4, { retryStrategy: retryPresets.linear });

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({ value: "ok on 5" });
    const delays = result
      .getHistoryEvents()
      .filter((e) => e.EventType === "StepFailed")
      .map((e) => e.StepFailedDetails?.RetryDetails?.NextAttemptDelaySeconds);
    expect(delays).toEqual([1, 2, 3, 4]);
  });

  it("does not retry with the noRetry preset", async () => {
    const { runner, attempts } = flakyRunner(1, { retryStrategy: retryPresets.noRetry });

    const result = await runner.run();

    expect(attempts).toEqual([1]);
    expect(result.getError().errorMessage).toBe("attempt 1 failed");
    expect(runner.getOperation("flaky").getStepDetails()?.attempt).toBe(1);
  });

  it("retries only the errors a strategy lists as retryable", async () => {
    class Transient extends Error {
      override name = "Transient";
    }
    const seen: string[] = [];
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        try {
          await ctx.step(
            "picky",
            async (step) => {
              seen.push(`attempt ${step.attempt}`);
              if (step.attempt === 1) throw new Transient("try again");
              throw new Error("fatal: bad input");
            },
            {
              retryStrategy: createRetryStrategy({
                maxAttempts: 10,
                retryableErrorTypes: [Transient],
                jitter: JitterStrategy.NONE,
              }),
            },
          );
        } catch (error) {
          return { failedWith: error instanceof StepError ? error.message : "other" };
        }
        return "unreachable";
      }),
    });

    const result = await runner.run();

    expect(seen).toEqual(["attempt 1", "attempt 2"]);
    expect(result.getResult()).toEqual({ failedWith: "fatal: bad input" });
  });

  it("records the attempt and the back-off delay of a retry in the step's history events", async () => {
    const { runner } = flakyRunner(1, {
      retryStrategy: () => ({ shouldRetry: true, delay: { hours: 2 } }),
    });
    const flaky = runner.getOperation("flaky");

    await runner.run();

    const retried = flaky.getEvents()?.find((e) => e.EventType === "StepFailed");
    expect(retried?.StepFailedDetails?.RetryDetails).toEqual({
      CurrentAttempt: 1,
      NextAttemptDelaySeconds: 7200,
    });
    expect(flaky.getStepDetails()?.attempt).toBe(2);
  });
});
