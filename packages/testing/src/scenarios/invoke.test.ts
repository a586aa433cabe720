import { InvokeError, withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ExecutionStatus,
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const quote = withDurableExecution(
  async (event: { sku: string; qty: number }, ctx: DurableContext) => {
    const unit = await ctx.step("unit-price", async () => (event.sku === "pen" ? 150 : 999));
    await ctx.wait("rate-limit", { minutes: 10 });
    return { sku: event.sku, total: unit * event.qty };
  },
);

const rejectQuote = withDurableExecution(async (event: { sku: string }, ctx: DurableContext) => {
  await ctx.step("check", async () => undefined);
  throw new Error(`sku ${event.sku} is discontinued`);
});

describe("chained invokes", () => {
  const caller = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(
      async (event: { target: string; sku: string }, ctx: DurableContext) => {
        try {
          const quoted = await ctx.invoke("get-quote", event.target, { sku: event.sku, qty: 4 });
          return { quoted };
        } catch (error) {
          const e = error as InvokeError;
          return { failed: e instanceof InvokeError, message: e.message, cause: e.cause?.message };
        }
      },
    ),
  })
    .registerDurableFunction("quote", quote)
    .registerDurableFunction("reject-quote", rejectQuote)
    .registerFunction("plain-quote", async (event: { sku: string; qty: number }) => ({
      sku: event.sku,
      total: event.qty,
    }))
    .registerFunction("callback-quote", (event: { qty: number }, _context, callback) => {
      callback(null, { total: event.qty * 10 });
    })
    .registerFunction("broken-quote", async () => {
      throw new SyntaxError("price table corrupt");
    });

  beforeEach(() => caller.reset());

  it("runs a registered durable function (with its own waits) and returns its result", async () => {
    const result = await caller.run({ payload: { target: "quote", sku: "pen" } });

    expect(result.getResult()).toEqual({ quoted: { sku: "pen", total: 600 } });
    const invoke = caller.getOperation("get-quote");
    expect(invoke.getType()).toBe(OperationType.CHAINED_INVOKE);
    expect(invoke.getSubType()).toBe("ChainedInvoke");
    expect(invoke.getChainedInvokeDetails()).toEqual({
      result: { sku: "pen", total: 600 },
      error: undefined,
    });
    const started = invoke.getEvents()?.find((e) => e.EventType === "ChainedInvokeStarted");
    expect(started?.ChainedInvokeStartedDetails?.FunctionName).toBe("quote");
  });

  it("surfaces a failed durable target as InvokeError with the target's message", async () => {
    const result = await caller.run({ payload: { target: "reject-quote", sku: "ink" } });

    expect(result.getResult()).toEqual({
      failed: true,
      message: "sku ink is discontinued",
      cause: "sku ink is discontinued",
    });
    const invoke = caller.getOperation("get-quote");
    expect(invoke.getStatus()).toBe(OperationStatus.FAILED);
    expect(invoke.getChainedInvokeDetails()?.error).toMatchObject({
      errorType: "Error",
      errorMessage: "sku ink is discontinued",
    });
  });

  it("calls a plain promise-style Lambda handler with the parsed input", async () => {
    const result = await caller.run({ payload: { target: "plain-quote", sku: "cup" } });

    expect(result.getResult()).toEqual({ quoted: { sku: "cup", total: 4 } });
  });

  it("calls a plain callback-style Lambda handler", async () => {
    const result = await caller.run({ payload: { target: "callback-quote", sku: "cup" } });

    expect(result.getResult()).toEqual({ quoted: { total: 40 } });
  });

  it("records a plain handler's thrown error with its name, message and stack", async () => {
    const result = await caller.run({ payload: { target: "broken-quote", sku: "cup" } });

    expect(result.getResult()).toMatchObject({ failed: true, message: "price table corrupt" });
    const error = caller.getOperation("get-quote").getChainedInvokeDetails()?.error;
    expect(error?.errorType).toBe("SyntaxError");
    expect(error?.errorMessage).toBe("price table corrupt");
    expect(error?.stackTrace?.[0]).toBe("SyntaxError: price table corrupt");
  });

  it("rejects run() when the invoked name is not registered on this runner", async () => {
    await expect(caller.run({ payload: { target: "nobody", sku: "cup" } })).rejects.toThrow(
      'No function found for function name nobody.\nPlease configure the function handler for "nobody" with LocalDurableTestRunner.registerFunctions.',
    );
  });

  it("does not lend one runner's targets to another runner", async () => {
    const stranger = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.invoke("quote", { sku: "pen", qty: 1 }),
      ),
    });

    await expect(stranger.run()).rejects.toThrow("No function found for function name quote.");
  });

  it("fails the caller with the target's error when the caller lets InvokeError escape", async () => {
    const strict = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.invoke("reject", { sku: "ink" }),
      ),
    }).registerDurableFunction("reject", rejectQuote);

    const result = await strict.run();

    expect(result.getStatus()).toBe(ExecutionStatus.FAILED);
    expect(result.getError()).toMatchObject({
      errorType: "InvokeError",
      errorMessage: "sku ink is discontinued",
    });
  });
});
