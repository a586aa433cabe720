import { StepError, withDurableExecution } from "@durably/sdk";
import type { DurableContext, Serdes } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ExecutionStatus,
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

class Money {
  readonly cents: number;
  readonly currency: string;
  constructor(cents: number, currency: string) {
    this.cents = cents;
    this.currency = currency;
  }
  format(): string {
    return `${(this.cents / 100).toFixed(2)} ${this.currency}`;
  }
}

const moneySerdes: Serdes<Money> = {
  serialize: async (value) =>
    value === undefined ? undefined : `${value.cents}|${value.currency}`,
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const [cents, currency] = data.split("|");
    return new Money(Number(cents), currency ?? "");
  },
};

describe("steps", () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(
      async (event: { orderId: string; fail?: boolean }, ctx: DurableContext) => {
        const order = await ctx.step("load-order", async () => ({
          id: event.orderId,
          lines: [2, 3],
        }));
        const total = await ctx.step(async () => order.lines.reduce((a, b) => a + b, 0));
        if (event.fail) {
          await ctx.step(
            "charge",
            async () => {
              throw new TypeError(`card declined for ${order.id}`);
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          );
        }
        const price = await ctx.step("price", async () => new Money(total * 100, "EUR"), {
          serdes: moneySerdes,
        });
        return { order: order.id, total, price: price.format() };
      },
    ),
  });

  beforeEach(() => runner.reset());

  it("returns the handler result and records named and unnamed steps in call order", async () => {
    const result = await runner.run({ payload: { orderId: "o-1" } });

    expect(result.getStatus()).toBe(ExecutionStatus.SUCCEEDED);
    expect(result.getResult()).toEqual({ order: "o-1", total: 5, price: "5.00 EUR" });
    const operations = result.getOperations();
    expect(operations.map((op) => op.getName())).toEqual(["load-order", undefined, "price"]);
    expect(
      operations.every((op) => op.getType() === OperationType.STEP && op.getSubType() === "Step"),
    ).toBe(true);
    expect(runner.getOperationByIndex(1).getStepDetails()).toEqual({
      attempt: 1,
      nextAttemptTimestamp: undefined,
      result: 5,
      error: undefined,
    });
  });

  it("exposes each step result as JSON through getStepDetails", async () => {
    await runner.run({ payload: { orderId: "o-2" } });

    expect(runner.getOperation("load-order").getStepDetails()?.result).toEqual({
      id: "o-2",
      lines: [2, 3],
    });
    expect(runner.getOperation("load-order").getStatus()).toBe(OperationStatus.SUCCEEDED);
  });

  it("stores a step result through its custom serdes, and the test sees the raw stored form", async () => {
    const result = await runner.run({ payload: { orderId: "o-3" } });

    expect(result.getResult()).toMatchObject({ price: "5.00 EUR" });
    // Not valid JSON, so the details give the stored string as it is.
    expect(runner.getOperation("price").getStepDetails()?.result).toBe("500|EUR");
  });

  it("fails the execution with a StepError whose cause keeps the original error type", async () => {
    let caught: unknown;
    const catching = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        try {
          await ctx.step(
            "explode",
            async () => {
              throw new RangeError("out of stock");
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          );
        } catch (error) {
          caught = error;
        }
        return "handled";
      }),
    });

    const result = await catching.run();

    expect(result.getResult()).toBe("handled");
    expect(caught).toBeInstanceOf(StepError);
    expect((caught as StepError).message).toBe("out of stock");
    expect((caught as StepError).cause).toMatchObject({
      name: "RangeError",
      message: "out of stock",
    });
    expect(catching.getOperation("explode").getStepDetails()?.error).toEqual({
      errorType: "RangeError",
      errorMessage: "out of stock",
      errorData: undefined,
      stackTrace: undefined,
    });
  });

  it("reports an escaping step failure as the execution error with errorType StepError", async () => {
    const result = await runner.run({ payload: { orderId: "o-4", fail: true } });

    expect(result.getStatus()).toBe(ExecutionStatus.FAILED);
    expect(result.getError()).toEqual({
      errorType: "StepError",
      errorMessage: "card declined for o-4",
      errorData: undefined,
      stackTrace: undefined,
    });
    expect(runner.getOperation("charge").getStatus()).toBe(OperationStatus.FAILED);
    expect(runner.getOperation("price").getStatus()).toBeUndefined();
  });

  it("round-trips step results through JSON so dates come back as strings", async () => {
    const dates = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const at = await ctx.step("stamp", async () => new Date(Date.UTC(2030, 0, 2)));
        const nothing = await ctx.step("nothing", async () => undefined);
        return { kind: typeof at, at, nothing: nothing === undefined };
      }),
    });

    const result = await dates.run();

    expect(result.getResult()).toEqual({
      kind: "string",
      at: "2030-01-02T00:00:00.000Z",
      nothing: true,
    });
    expect(dates.getOperation("nothing").getStepDetails()?.result).toBeUndefined();
  });
});
