import { setTimeout as sleep } from "node:timers/promises";
import {
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  withDurableExecution,
} from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ExecutionStatus,
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** Describes how a callback promise settled, so the handler can return it. */
async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await promise };
  } catch (error) {
    const e = error as Error & { cause?: Error & { stack?: string }; errorData?: string };
    return {
      errorClass: e.constructor.name,
      isExternal: error instanceof CallbackExternalError,
      isTimeout: error instanceof CallbackTimeoutError,
      message: e.message,
      errorData: e.errorData,
      cause: e.cause ? { name: e.cause.name, message: e.cause.message } : undefined,
    };
  }
}

describe("createCallback", () => {
  const submitted: string[] = [];
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const [promise, callbackId] = await ctx.createCallback("approval", {
        timeout: { hours: 24 },
      });
      await ctx.step("notify", async () => {
        submitted.push(callbackId);
      });
      return settle(promise);
    }),
  });

  beforeEach(() => {
    runner.reset();
    submitted.length = 0;
  });

  it("resolves with the raw string the test sends with sendCallbackSuccess", async () => {
    const approval = runner.getOperation("approval");
    const run = runner.run();

    await approval.waitForData(WaitingOperationStatus.STARTED);
    expect(approval.isCallback()).toBe(true);
    await approval.sendCallbackSuccess(JSON.stringify({ approved: true, by: "ana" }));
    const result = await run;

    expect(result.getResult()).toEqual({ ok: '{"approved":true,"by":"ana"}' });
    expect(approval.getCallbackDetails()).toEqual({
      callbackId: submitted[0],
      result: { approved: true, by: "ana" },
      error: undefined,
    });
    expect(approval.getStatus()).toBe(OperationStatus.SUCCEEDED);
  });

  it("resolves with undefined when the success carries no result", async () => {
    const approval = runner.getOperation("approval");
    const run = runner.run();

    await approval.waitForData();
    await approval.sendCallbackSuccess();

    expect((await run).getResult()).toEqual({});
    expect(approval.getCallbackDetails()?.result).toBeUndefined();
  });

  it("rejects with CallbackExternalError carrying the sent ErrorObject", async () => {
    const approval = runner.getOperation("approval");
    const run = runner.run();

    await approval.waitForData(WaitingOperationStatus.STARTED);
    await approval.sendCallbackFailure({
      ErrorMessage: "rejected by reviewer",
      ErrorType: "ReviewRejected",
      ErrorData: JSON.stringify({ reviewer: "bo" }),
      StackTrace: ["at review (review.ts:1:1)"],
    });
    const result = await run;

    expect(result.getResult()).toEqual({
      errorClass: "CallbackExternalError",
      isExternal: true,
      isTimeout: false,
      message: "rejected by reviewer",
      errorData: '{"reviewer":"bo"}',
      cause: { name: "ReviewRejected", message: "rejected by reviewer" },
    });
    expect(approval.getStatus()).toBe(OperationStatus.FAILED);
    expect(approval.getCallbackDetails()?.error).toEqual({
      errorMessage: "rejected by reviewer",
      errorType: "ReviewRejected",
      errorData: '{"reviewer":"bo"}',
      stackTrace: ["at review (review.ts:1:1)"],
    });
  });

  it("stores an empty error when the failure carries none", async () => {
    const approval = runner.getOperation("approval");
    const run = runner.run();

    await approval.waitForData();
    await approval.sendCallbackFailure();
    const result = await run;

    expect(result.getResult()).toMatchObject({
      errorClass: "CallbackExternalError",
      message: "Callback failed",
    });
    expect(approval.getCallbackDetails()?.error).toEqual({
      errorMessage: undefined,
      errorType: undefined,
      errorData: undefined,
      stackTrace: undefined,
    });
  });
});

describe("callback timeouts (real time, as in the official library)", () => {
  it("times out a callback nobody completes with CallbackTimeoutError", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("ignored", { timeout: { seconds: 1 } });
        return settle(promise);
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({
      errorClass: "CallbackTimeoutError",
      isTimeout: true,
    });
    expect(runner.getOperation("ignored").getStatus()).toBe(OperationStatus.TIMED_OUT);
    expect(runner.getOperation("ignored").getCallbackDetails()?.error?.errorMessage).toEqual(
      expect.any(String),
    );
  });

  it("keeps a callback with a heartbeat timeout alive while the test sends heartbeats", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("long-job", {
          timeout: { minutes: 5 },
          heartbeatTimeout: { seconds: 1 },
        });
        return settle(promise);
      }),
    });
    const job = runner.getOperation("long-job");
    const run = runner.run();

    await job.waitForData(WaitingOperationStatus.STARTED);
    // 1.2 s in all: longer than the 1 s heartbeat window, which each heartbeat restarts.
    for (let i = 0; i < 4; i++) {
      await sleep(300);
      await job.sendCallbackHeartbeat();
    }
    expect(job.getStatus()).toBe(OperationStatus.STARTED);
    await job.sendCallbackSuccess("done");

    expect((await run).getResult()).toEqual({ ok: "done" });
  });

  it("times out a callback whose heartbeats stop", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("silent", {
          timeout: { minutes: 5 },
          heartbeatTimeout: { seconds: 1 },
        });
        return settle(promise);
      }),
    });

    const result = await runner.run();

    expect(result.getResult()).toMatchObject({ isTimeout: true });
    expect(result.getHistoryEvents().some((e) => e.EventType === "CallbackTimedOut")).toBe(true);
  });
});

describe("callback timeouts while time is skipped", () => {
  it("skips a wait longer than a pending callback's timeout without expiring the callback", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const [promise] = await ctx.createCallback("slow-approval", { timeout: { days: 1 } });
        await ctx.wait("two-days", { days: 2 });
        return settle(promise);
      }),
    });
    const wait = runner.getOperation("two-days");
    const approval = runner.getOperation("slow-approval");
    const run = runner.run();

    await wait.waitForData(WaitingOperationStatus.COMPLETED);
    expect(approval.getStatus()).toBe(OperationStatus.STARTED);
    await approval.sendCallbackSuccess("late but fine");

    expect((await run).getResult()).toEqual({ ok: "late but fine" });
  });
});

describe("waitForCallback", () => {
  const submissions: string[] = [];
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(
      async (event: { failSubmit?: boolean }, ctx: DurableContext) => {
        try {
          const answer = await ctx.waitForCallback(
            "ask-human",
            async (callbackId) => {
              if (event.failSubmit) throw new Error("mail server down");
              submissions.push(callbackId);
            },
            { timeout: { hours: 1 }, retryStrategy: () => ({ shouldRetry: false }) },
          );
          return { answer };
        } catch (error) {
          return { failed: (error as Error).constructor.name, message: (error as Error).message };
        }
      },
    ),
  });

  beforeEach(() => {
    runner.reset();
    submissions.length = 0;
  });

  it("moves through STARTED, SUBMITTED and COMPLETED as the submitter runs and the test answers", async () => {
    const ask = runner.getOperation("ask-human");
    const run = runner.run();

    await ask.waitForData(WaitingOperationStatus.STARTED);
    expect(ask.isWaitForCallback()).toBe(true);
    expect(ask.getType()).toBe(OperationType.CONTEXT);
    await ask.waitForData(WaitingOperationStatus.SUBMITTED);
    expect(submissions).toEqual([ask.getCallbackDetails()?.callbackId]);
    await ask.sendCallbackSuccess("yes");
    await ask.waitForData(WaitingOperationStatus.COMPLETED);
    const result = await run;

    expect(result.getResult()).toEqual({ answer: "yes" });
    const children = ask.getChildOperations() ?? [];
    expect(children.map((c) => [c.getType(), c.getName()])).toEqual([
      [OperationType.CALLBACK, undefined],
      [OperationType.STEP, undefined],
    ]);
    expect(ask.getCallbackDetails()?.result).toBe("yes");
  });

  it("maps a submitter that exhausts its retries to CallbackSubmitterError", async () => {
    const result = await runner.run({ payload: { failSubmit: true } });

    expect(result.getResult()).toEqual({
      failed: CallbackSubmitterError.name,
      message: "mail server down",
    });
    expect(runner.getOperation("ask-human").getStatus()).toBe(OperationStatus.FAILED);
  });

  it("completes several concurrent callbacks in whatever order the test answers them", async () => {
    const many = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const answers = await ctx.parallel("reviews", [
          {
            name: "legal",
            func: async (c: DurableContext) => c.waitForCallback("legal-ok", async () => undefined),
          },
          {
            name: "finance",
            func: async (c: DurableContext) =>
              c.waitForCallback("finance-ok", async () => undefined),
          },
          {
            name: "security",
            func: async (c: DurableContext) =>
              c.waitForCallback("security-ok", async () => undefined),
          },
        ]);
        return answers.getResults();
      }),
    });
    const names = ["security-ok", "legal-ok", "finance-ok"];
    const handles = names.map((name) => many.getOperation(name));
    const run = many.run();

    for (const [i, handle] of handles.entries()) {
      await handle.waitForData(WaitingOperationStatus.SUBMITTED);
      await handle.sendCallbackSuccess(`${names[i]} #${i}`);
    }
    const result = await run;

    expect(result.getStatus()).toBe(ExecutionStatus.SUCCEEDED);
    expect(result.getResult()).toEqual(["legal-ok #1", "finance-ok #2", "security-ok #0"]);
  });
});
