import { describe, expect, test } from "vitest";
import { ChildContextError, createRetryStrategy, JitterStrategy, withRetry } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";

const strategy = createRetryStrategy({
  maxAttempts: 3,
  initialDelay: { seconds: 2 },
  jitter: JitterStrategy.NONE,
});

describe("withRetry", () => {
  test("retries inside a child context with named backoff waits", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      withRetry(
        ctx,
        "sync",
        async (child, attempt) =>
          child.step(async () => {
            if (attempt < 3) throw new Error(`try ${attempt}`);
            return attempt;
          }),
        { retryStrategy: strategy },
      ),
    );
    const { output } = await service.run(handler);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: "3" });
    expect(
      service.updates
        .filter((u) => u.Type === "WAIT")
        .map((u) => [u.Name, u.WaitOptions?.WaitSeconds]),
    ).toEqual([
      ["sync-backoff-1", 2],
      ["sync-backoff-2", 4],
    ]);
  });

  test("the final error is a ChildContextError; unwrapped loops rethrow as is", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const wrapped = await withRetry(
        ctx,
        async () => {
          throw new Error("never");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      ).catch((error: unknown) => error instanceof ChildContextError);
      const unwrapped = await withRetry(
        ctx,
        async () => {
          throw new RangeError("raw");
        },
        { retryStrategy: () => ({ shouldRetry: false }), wrapWithRunInChildContext: false },
      ).catch((error: Error) => error.name);
      return [wrapped, unwrapped];
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '[true,"RangeError"]',
    });
  });

  test("requires a config", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      (withRetry as unknown as (...args: unknown[]) => Promise<unknown>)(ctx, async () => 1).catch(
        (error: Error) => error.message,
      ),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '"withRetry: config is required"',
    });
  });
});
