import { describe, expect, test } from "vitest";
import { createWaitStrategy, JitterStrategy, StepError } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const strategy = (max = 10) =>
  createWaitStrategy<{ count: number }>({
    shouldContinuePolling: (state) => state.count < 3,
    maxAttempts: max,
    initialDelay: { seconds: 2 },
    jitter: JitterStrategy.NONE,
  });

describe("waitForCondition", () => {
  test("passes state between attempts via RETRY payloads and succeeds with the final state", async () => {
    const service = new FakeDurableService();
    const attempts: number[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.waitForCondition(
        "poll",
        async (state: { count: number }, check) => {
          attempts.push(check.attempt);
          return { count: state.count + 1 };
        },
        { initialState: { count: 0 }, waitStrategy: strategy() },
      ),
    );
    const { output, invocations } = await service.run(handler);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '{"count":3}' });
    expect(invocations).toHaveLength(3);
    expect(attempts).toEqual([1, 2, 3]);
    expect(
      service.updates.map((u) => [
        u.SubType,
        u.Action,
        u.Payload,
        u.StepOptions?.NextAttemptDelaySeconds,
      ]),
    ).toEqual([
      ["WaitForCondition", "START", undefined, undefined],
      ["WaitForCondition", "RETRY", '{"count":1}', 2],
      ["WaitForCondition", "START", undefined, undefined],
      ["WaitForCondition", "RETRY", '{"count":2}', 3],
      ["WaitForCondition", "START", undefined, undefined],
      ["WaitForCondition", "SUCCEED", '{"count":3}', undefined],
    ]);
  });

  test("throws synchronously without waitStrategy or initialState", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const messages: string[] = [];
      for (const config of [
        { initialState: 1 },
        { waitStrategy: () => ({ shouldContinue: false }) },
      ]) {
        try {
          void ctx.waitForCondition(async (n: number) => n, config as never);
        } catch (error) {
          messages.push((error as Error).message);
        }
      }
      return messages;
    });
    const message = "waitForCondition requires config with waitStrategy and initialState";
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([message, message]),
    });
  });

  test("a throwing check fails at once as StepError, without retries", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx
        .waitForCondition(
          async () => {
            throw new Error("probe broke");
          },
          { initialState: { count: 0 }, waitStrategy: strategy() },
        )
        .catch((error: unknown) => [error instanceof StepError, (error as Error).message]),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '[true,"probe broke"]',
    });
    expect(service.updates.map((u) => u.Action)).toEqual(["START", "FAIL"]);
  });

  test("exceeding the strategy's attempts fails with its message", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.waitForCondition(async (state: { count: number }) => state, {
        initialState: { count: 0 },
        waitStrategy: strategy(2),
      }),
    );
    const { output } = await service.run(handler);
    expect(output).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "StepError",
        ErrorMessage: "waitForCondition exceeded maximum attempts (2)",
      },
    });
  });

  test("replay: a recorded failure without error is WaitForConditionError", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "WaitForCondition",
      Status: "FAILED",
    });
    const handler = durableHandler(async (_event, ctx) =>
      ctx.waitForCondition(async (n: number) => n, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: false }),
      }),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "WaitForConditionError", ErrorMessage: "waitForCondition failed" },
    });
  });
});
