import {
  ChildContextError,
  JitterStrategy,
  PromiseCombinatorError,
  StepError,
  createWaitStrategy,
  withDurableExecution,
} from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExecutionStatus,
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("child contexts", () => {
  it("groups operations under a RunInChildContext context whose result the test can read", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const shipment = await ctx.runInChildContext("ship", async (child) => {
          const label = await child.step("label", async () => "LBL-7");
          await child.wait("pickup", { hours: 4 });
          return { label, carrier: await child.step("carrier", async () => "dhl") };
        });
        return shipment;
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toEqual({ label: "LBL-7", carrier: "dhl" });
    const ship = runner.getOperation("ship");
    expect([ship.getType(), ship.getSubType()]).toEqual([
      OperationType.CONTEXT,
      "RunInChildContext",
    ]);
    expect(ship.getContextDetails()).toEqual({
      result: { label: "LBL-7", carrier: "dhl" },
      error: undefined,
    });
    const children = ship.getChildOperations() ?? [];
    expect(children.map((c) => c.getName())).toEqual(["label", "pickup", "carrier"]);
    expect(children.every((c) => c.getParentId() === ship.getId())).toBe(true);
    // Children appear right after their parent in first-appearance order.
    expect(runner.getOperationByIndex(0).getName()).toBe("ship");
    expect(runner.getOperationByIndex(1).getName()).toBe("label");
  });

  it("fails with ChildContextError whose cause is the inner StepError", async () => {
    let caught: unknown;
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        try {
          await ctx.runInChildContext("risky", async (child) =>
            child.step(
              "inner",
              async () => {
                throw new Error("inner failure");
              },
              { retryStrategy: () => ({ shouldRetry: false }) },
            ),
          );
        } catch (error) {
          caught = error;
          throw error;
        }
      }),
    });

    const result = await runner.run();

    expect(caught).toBeInstanceOf(ChildContextError);
    expect((caught as ChildContextError).cause).toBeInstanceOf(StepError);
    expect(result.getError()).toMatchObject({
      errorType: "ChildContextError",
      errorMessage: "inner failure",
    });
    expect(runner.getOperation("risky").getContextDetails()?.error?.errorMessage).toBe(
      "inner failure",
    );
  });
});

describe("promise combinators", () => {
  it("records promise.all as one child context and returns every result", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const a = ctx.step("a", async () => 1);
        const b = ctx.step("b", async () => 2);
        return ctx.promise.all("both", [a, b]);
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toEqual([1, 2]);
    const both = runner.getOperation("both");
    expect([both.getType(), both.getSubType(), both.getStatus()]).toEqual([
      OperationType.CONTEXT,
      "RunInChildContext",
      OperationStatus.SUCCEEDED,
    ]);
  });

  it("settles every promise with allSettled and picks the first success with any", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };
        const bad = ctx.step(
          "bad",
          async (): Promise<string> => {
            throw new Error("nope");
          },
          noRetry,
        );
        const good = ctx.step("good", async () => "fine");
        const settled = await ctx.promise.allSettled("settled", [bad, good]);
        const first = await ctx.promise.any("any", [bad, good]);
        return { statuses: settled.map((s) => s.status), first };
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toEqual({ statuses: ["rejected", "fulfilled"], first: "fine" });
  });

  it("races a step against a week-long wait and returns the step's result", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const fast = ctx.step("fast", async () => "fast");
        const slow = ctx.wait("slow", { days: 7 });
        return ctx.promise.race<string | void>("race", [fast, slow]);
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toBe("fast");
  });

  it("rejects promise.any with PromiseCombinatorError when every promise fails", async () => {
    let caught: unknown;
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };
        const one = ctx.step(
          "one",
          async (): Promise<number> => {
            throw new Error("first");
          },
          noRetry,
        );
        const two = ctx.step(
          "two",
          async (): Promise<number> => {
            throw new Error("second");
          },
          noRetry,
        );
        try {
          return await ctx.promise.any("any", [one, two]);
        } catch (error) {
          caught = error;
          return (error as Error).message;
        }
      }),
    });

    const result = await runner.run();

    expect(caught).toBeInstanceOf(PromiseCombinatorError);
    expect(result.getResult()).toBe("All promises were rejected");
  });
});

describe("waitForCondition", () => {
  it("polls until the condition holds, with attempts and state kept in the STEP record", async () => {
    const checks: number[] = [];
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const t0 = await ctx.step("t0", async () => Date.now());
        const final = await ctx.waitForCondition<{ polls: number }>(
          "until-ready",
          async (state, check) => {
            checks.push(check.attempt);
            return { polls: state.polls + 1 };
          },
          {
            initialState: { polls: 0 },
            waitStrategy: createWaitStrategy({
              shouldContinuePolling: (s: { polls: number }) => s.polls < 4,
              initialDelay: { minutes: 10 },
              maxDelay: { hours: 1 },
              backoffRate: 1,
              jitter: JitterStrategy.NONE,
            }),
          },
        );
        return { final, elapsed: (await ctx.step("t1", async () => Date.now())) - t0 };
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({ final: { polls: 4 } });
    // Three 10-minute polling delays, skipped in time but visible on the clock.
    expect((result.getResult() as { elapsed: number }).elapsed).toBeGreaterThanOrEqual(30 * 60_000);
    expect(checks).toEqual([1, 2, 3, 4]);
    const condition = runner.getOperation("until-ready");
    expect([condition.getType(), condition.getSubType()]).toEqual([
      OperationType.STEP,
      "WaitForCondition",
    ]);
    expect(condition.getStepDetails()).toMatchObject({ attempt: 4, result: { polls: 4 } });
    const polls = result
      .getHistoryEvents()
      .filter((e) => e.EventType === "StepSucceeded" && e.Name === "until-ready");
    expect(polls).toHaveLength(4);
  });

  it("fails immediately with StepError when the strategy exceeds its maximum attempts", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.waitForCondition("never", async (n: number) => n + 1, {
          initialState: 0,
          waitStrategy: createWaitStrategy({ shouldContinuePolling: () => true, maxAttempts: 3 }),
        }),
      ),
    });

    const result = await runner.run();

    expect(result.getStatus()).toBe(ExecutionStatus.FAILED);
    expect(result.getError()).toMatchObject({
      errorType: "StepError",
      errorMessage: "waitForCondition exceeded maximum attempts (3)",
    });
    expect(runner.getOperation("never").getStepDetails()?.attempt).toBe(3);
  });
});
