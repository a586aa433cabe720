import {
  BatchItemStatus,
  ChildContextError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  withDurableExecution,
} from "@durably/sdk";
import type { BatchResult, CompletionConfig, DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalDurableTestRunner, OperationStatus, OperationType } from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** What a test needs of a BatchResult (methods do not survive the handler's JSON result). */
function summary<T>(batch: BatchResult<T>) {
  return {
    reason: batch.completionReason,
    status: batch.status,
    results: batch.getResults(),
    errors: batch.getErrors().map((e) => e.message),
    statuses: batch.all.map((item) => `${item.index}:${item.status}`),
    successCount: batch.successCount,
    failureCount: batch.failureCount,
  };
}

interface MapEvent {
  items: number[];
  completionConfig?: CompletionConfig;
  maxConcurrency?: number;
}

describe("map", () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (event: MapEvent, ctx: DurableContext) => {
      const batch = await ctx.map(
        "square",
        event.items,
        async (item: DurableContext, value: number) =>
          item.step(
            "compute",
            async () => {
              if (value < 0) throw new Error(`negative: ${value}`);
              return value * value;
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          ),
        {
          ...(event.completionConfig ? { completionConfig: event.completionConfig } : {}),
          ...(event.maxConcurrency ? { maxConcurrency: event.maxConcurrency } : {}),
        },
      );
      return summary(batch);
    }),
  });

  beforeEach(() => runner.reset());

  it("maps every item in its own MapIteration context and reports ALL_COMPLETED", async () => {
    const result = await runner.run({ payload: { items: [1, 2, 3] } });

    expect(result.getResult()).toEqual({
      reason: "ALL_COMPLETED",
      status: BatchItemStatus.SUCCEEDED,
      results: [1, 4, 9],
      errors: [],
      statuses: ["0:SUCCEEDED", "1:SUCCEEDED", "2:SUCCEEDED"],
      successCount: 3,
      failureCount: 0,
    });
    const square = runner.getOperation("square");
    expect(square.getSubType()).toBe("Map");
    const items = square.getChildOperations() ?? [];
    expect(items.map((i) => [i.getName(), i.getSubType(), i.getStatus()])).toEqual([
      ["map-item-0", "MapIteration", OperationStatus.SUCCEEDED],
      ["map-item-1", "MapIteration", OperationStatus.SUCCEEDED],
      ["map-item-2", "MapIteration", OperationStatus.SUCCEEDED],
    ]);
    expect(items[2]?.getChildOperations()?.[0]?.getStepDetails()?.result).toBe(9);
  });

  it("does not throw for failed items and stops at the first failure without completion criteria", async () => {
    const result = await runner.run({ payload: { items: [1, -2, 3], maxConcurrency: 1 } });

    expect(result.getResult()).toMatchObject({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      status: BatchItemStatus.FAILED,
      results: [1],
      errors: ["negative: -2"],
      statuses: ["0:SUCCEEDED", "1:FAILED"],
    });
    expect(runner.getOperation("map-item-2").getStatus()).toBeUndefined();
  });

  it("completes as soon as minSuccessful items succeeded", async () => {
    const result = await runner.run({
      payload: {
        items: [1, 2, 3, 4, 5],
        maxConcurrency: 1,
        completionConfig: { minSuccessful: 2 },
      },
    });

    expect(result.getResult()).toMatchObject({
      reason: "MIN_SUCCESSFUL_REACHED",
      results: [1, 4],
      successCount: 2,
    });
    expect(runner.getOperation("square").getChildOperations()).toHaveLength(2);
  });

  it("tolerates failures up to toleratedFailureCount", async () => {
    const tolerated = await runner.run({
      payload: {
        items: [-1, 2, -3],
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 2 },
      },
    });
    expect(tolerated.getResult()).toMatchObject({
      reason: "ALL_COMPLETED",
      results: [4],
      failureCount: 2,
    });

    runner.reset();
    const exceeded = await runner.run({
      payload: {
        items: [-1, -2, 3, 4],
        maxConcurrency: 1,
        completionConfig: { toleratedFailureCount: 1 },
      },
    });
    expect(exceeded.getResult()).toMatchObject({
      reason: "FAILURE_TOLERANCE_EXCEEDED",
      statuses: ["0:FAILED", "1:FAILED"],
    });
  });

  it("tolerates failures up to toleratedFailurePercentage", async () => {
    const result = await runner.run({
      payload: {
        items: [1, -2, 3, 4],
        maxConcurrency: 1,
        completionConfig: { toleratedFailurePercentage: 25 },
      },
    });

    expect(result.getResult()).toMatchObject({
      reason: "ALL_COMPLETED",
      status: BatchItemStatus.FAILED,
      failureCount: 1,
      successCount: 3,
    });
  });

  it("never runs more than maxConcurrency items at once", async () => {
    let running = 0;
    let peak = 0;
    const limited = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const batch = await ctx.map(
          "throttled",
          [1, 2, 3, 4, 5, 6],
          async (item: DurableContext, value: number) =>
            item.step("work", async () => {
              running++;
              peak = Math.max(peak, running);
              await new Promise((resolve) => setImmediate(resolve));
              running--;
              return value;
            }),
          { maxConcurrency: 2 },
        );
        return batch.getResults();
      }),
    });

    const result = await limited.run();

    expect(result.getResult()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(peak).toBeLessThanOrEqual(2);
  });
});

describe("parallel", () => {
  it("runs named and unnamed branches and exposes them as ParallelBranch children", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const batch = await ctx.parallel("fan-out", [
          {
            name: "email",
            func: async (c: DurableContext) => c.step("send-email", async () => "mailed"),
          },
          async (c: DurableContext) => {
            await c.wait("delay", { hours: 1 });
            return "waited";
          },
          { func: async (c: DurableContext) => c.step(async () => "anonymous") },
        ]);
        return batch.getResults();
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toEqual(["mailed", "waited", "anonymous"]);
    const fanOut = runner.getOperation("fan-out");
    expect([fanOut.getType(), fanOut.getSubType()]).toEqual([OperationType.CONTEXT, "Parallel"]);
    expect(fanOut.getChildOperations()?.map((b) => [b.getName(), b.getSubType()])).toEqual([
      ["email", "ParallelBranch"],
      ["parallel-branch-1", "ParallelBranch"],
      ["parallel-branch-2", "ParallelBranch"],
    ]);
    expect(fanOut.getContextDetails()?.result).toMatchObject({ completionReason: "ALL_COMPLETED" });
  });

  it("lets a custom shouldComplete end the batch as failed", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const batch = await ctx.parallel(
          "vote",
          [async () => "yes", async () => "no", async () => "no", async () => "yes"],
          {
            maxConcurrency: 1,
            completionConfig: {
              shouldComplete: (status) =>
                status.items.filter((i) => i.status === BatchItemStatus.SUCCEEDED).length >= 2
                  ? completeBatch(CompletionOutcome.FAILED)
                  : continueBatch(),
            },
          },
        );
        let thrown: string | undefined;
        try {
          batch.throwIfError();
        } catch (error) {
          thrown = (error as Error).constructor.name;
        }
        return { ...summary(batch), thrown };
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({
      reason: "CUSTOM_COMPLETION_FAILED",
      status: BatchItemStatus.FAILED,
      results: ["yes", "no"],
      thrown: "BatchCompletionError",
    });
  });

  it("wraps a failing branch's error in ChildContextError", async () => {
    let error: unknown;
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const batch = await ctx.parallel([
          async (c: DurableContext) =>
            c.step(
              "boom",
              async () => {
                throw new Error("branch exploded");
              },
              { retryStrategy: () => ({ shouldRetry: false }) },
            ),
        ]);
        error = batch.getErrors()[0];
        return batch.hasFailure;
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toBe(true);
    expect(error).toBeInstanceOf(ChildContextError);
    expect((error as ChildContextError).message).toBe("branch exploded");
    expect(runner.getOperation("parallel-branch-0").getContextDetails()?.error).toMatchObject({
      errorMessage: "branch exploded",
    });
  });
});
