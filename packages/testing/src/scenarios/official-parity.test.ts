/**
 * Differential tests: the same handler and the same test code run on the official
 * `@aws/durable-execution-sdk-js-testing` runner and on ours; what the test can observe (results,
 * operations in order, history signatures, error messages) must be the same. First with the official
 * SDK on both runners, then with each side's own SDK.
 */
import * as officialSdk from "@aws/durable-execution-sdk-js";
import { withDurableExecution } from "@aws/durable-execution-sdk-js";
import type { DurableContext } from "@aws/durable-execution-sdk-js";
import * as official from "@aws/durable-execution-sdk-js-testing";
import * as ourSdk from "@durably/sdk";
import { describe, expect, it } from "vitest";
import * as ours from "../index.ts";

type Library = typeof ours;
type Handler = Parameters<typeof withDurableExecution>[0];

/** Runs `drive` against each library in turn, each in its own time-skipping environment. */
async function onBoth<T>(drive: (lib: Library) => Promise<T>): Promise<{ official: T; ours: T }> {
  const run = async (lib: Library): Promise<T> => {
    await lib.LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    try {
      return await drive(lib);
    } finally {
      await lib.LocalDurableTestRunner.teardownTestEnvironment();
    }
  };
  return { official: await run(official as unknown as Library), ours: await run(ours) };
}

/** What a test sees of a finished run, without ids and timestamps. */
function observe(result: ours.TestResult): unknown {
  const events = result.getHistoryEvents().filter((e) => e.EventType !== "InvocationCompleted");
  return {
    status: result.getStatus(),
    result: result.getStatus() === "SUCCEEDED" ? result.getResult() : result.getError(),
    signature: events.map((e) => [e.EventType, e.SubType ?? "-", e.Name ?? "-"].join(" ")).sort(),
    operations: result
      .getOperations()
      .map((op) =>
        [
          op.getName() ?? "-",
          op.getType(),
          op.getSubType(),
          op.getStatus(),
          op.getParentId() === undefined ? "root" : "child",
          op.getType() === "STEP" ? `attempt ${op.getStepDetails()?.attempt}` : "",
        ].join(" "),
      ),
  };
}

/** The message of what `action` throws or rejects with. */
async function messageOf(action: () => unknown): Promise<string> {
  try {
    await action();
  } catch (error) {
    return error instanceof Error ? error.message : JSON.stringify(error);
  }
  return "did not throw";
}

const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };

const mixed: Handler = async (event: unknown, ctx: DurableContext) => {
  const first = await ctx.step("flaky", async (step) => {
    if (step.attempt < 2) throw new Error("first attempt fails");
    return (event as { n: number }).n;
  });
  await ctx.wait("nap", { days: 1 });
  const answer = await ctx.waitForCallback("ask", async () => undefined, { timeout: { hours: 1 } });
  const mapped = await ctx.map("double", [1, 2], async (item: DurableContext, value: number) =>
    item.step(async () => value * 2),
  );
  const branches = await ctx.parallel("fan", [
    async (c: DurableContext) => c.wait({ seconds: 5 }),
    async () => "quick",
  ]);
  const child = await ctx.runInChildContext("child", async (c) =>
    c.step("inner", async () => "in"),
  );
  return { first, answer, mapped: mapped.getResults(), branches: branches.successCount, child };
};

describe("parity with the official testing library", () => {
  it("records the same operations, history signature and result for a mixed workflow", async () => {
    const seen = await onBoth(async (lib) => {
      const runner = new lib.LocalDurableTestRunner({
        handlerFunction: withDurableExecution(mixed),
      });
      const ask = runner.getOperation("ask");
      const run = runner.run({ payload: { n: 7 } });
      await ask.waitForData(lib.WaitingOperationStatus.SUBMITTED);
      await ask.sendCallbackSuccess("yes");
      const result = await run;
      return {
        ...(observe(result) as object),
        flakyAttempt: runner.getOperation("flaky").getStepDetails()?.attempt,
        napSeconds: runner.getOperation("nap").getWaitDetails()?.waitSeconds,
        last: runner.getOperationByIndex(-1).getName(),
        fanChildren: runner
          .getOperation("fan")
          .getChildOperations()
          ?.map((c) => c.getName()),
        askCallback: ask.getCallbackDetails()?.result,
      };
    });

    expect(seen.ours).toEqual(seen.official);
  });

  it("reports a failed execution the same way", async () => {
    const failing: Handler = async (_: unknown, ctx: DurableContext) => {
      await ctx.step(
        "explode",
        async () => {
          throw new TypeError("bad input");
        },
        noRetry,
      );
    };
    const seen = await onBoth(async (lib) => {
      const result = await new lib.LocalDurableTestRunner({
        handlerFunction: withDurableExecution(failing),
      }).run();
      return {
        ...(observe(result) as object),
        getResult: await messageOf(() => result.getResult()),
      };
    });

    expect(seen.ours).toEqual(seen.official);
  });

  it("gives the same misuse messages", async () => {
    const handler: Handler = async (_: unknown, ctx: DurableContext) => {
      await ctx.step("step", async () => 1);
      await ctx.wait("wait", { seconds: 10 });
      return "done";
    };
    const seen = await onBoth(async (lib) => {
      const runner = new lib.LocalDurableTestRunner({
        handlerFunction: withDurableExecution(handler),
      });
      const missing = runner
        .getOperation("missing")
        .waitForData(lib.WaitingOperationStatus.COMPLETED);
      const result = await runner.run();
      const step = runner.getOperation("step");
      const wait = runner.getOperation("wait");
      return {
        missing: await messageOf(() => missing),
        getError: await messageOf(() => result.getError()),
        stepAsWait: await messageOf(() => step.getWaitDetails()),
        waitAsStep: await messageOf(() => wait.getStepDetails()),
        stepAsInvoke: await messageOf(() => step.getChainedInvokeDetails()),
        stepAsContext: await messageOf(() => step.getContextDetails()),
        stepAsCallback: await messageOf(() => step.getCallbackDetails()),
        sendWithoutData: await messageOf(() =>
          runner.getOperation("nothing").sendCallbackSuccess("x"),
        ),
      };
    });

    expect(seen.ours).toEqual(seen.official);
  });

  it("rejects run() the same way for an unregistered invoke target", async () => {
    const invoking: Handler = async (_: unknown, ctx: DurableContext) =>
      ctx.invoke("ghost", { a: 1 });
    const seen = await onBoth(async (lib) =>
      messageOf(() =>
        new lib.LocalDurableTestRunner({ handlerFunction: withDurableExecution(invoking) }).run(),
      ),
    );

    expect(seen.ours).toEqual(seen.official);
  });

  it("hands the handler the same synthetic Lambda context", async () => {
    const seenContext: Handler = async (_: unknown, ctx: DurableContext) => {
      const {
        functionName,
        functionVersion,
        invokedFunctionArn,
        memoryLimitInMB,
        logGroupName,
        logStreamName,
      } = ctx.lambdaContext;
      const arnIsUuid = /^[0-9a-f-]{36}$/.test(ctx.executionContext.durableExecutionArn);
      return {
        functionName,
        functionVersion,
        invokedFunctionArn,
        memoryLimitInMB,
        logGroupName,
        logStreamName,
        arnIsUuid,
      };
    };
    const seen = await onBoth(async (lib) =>
      (
        await new lib.LocalDurableTestRunner({
          handlerFunction: withDurableExecution(seenContext),
        }).run()
      ).getResult(),
    );

    expect(seen.ours).toEqual(seen.official);
  });
});

type Sdk = typeof ourSdk;
type OurContext = ourSdk.DurableContext;

/** Handlers written once against either SDK (each side runs its own). */
const workflows: Record<
  string,
  (sdk: Sdk) => (event: unknown, ctx: OurContext) => Promise<unknown>
> = {
  "nested map and parallel": () => async (_, ctx) => {
    const outer = await ctx.map("outer", [1, 2], async (item: OurContext, i: number) => {
      const inner = await item.parallel(`inner-${i}`, [
        async (b: OurContext) => b.step("a", async () => i),
        async (b: OurContext) => {
          await b.wait({ minutes: i });
          return -i;
        },
      ]);
      return inner.getResults();
    });
    return outer.getResults();
  },
  "failing items of several error types": () => async (_, ctx) => {
    const batch = await ctx.parallel(
      "mixed",
      [
        async (b: OurContext) =>
          b.step(
            "bad-step",
            async () => {
              throw new RangeError("range");
            },
            noRetry,
          ),
        async (b: OurContext) =>
          b.runInChildContext("bad-child", async () => {
            throw new TypeError("type");
          }),
      ],
      { completionConfig: { toleratedFailureCount: 5 } },
    );
    return batch.all.map((item) => [
      item.status,
      item.error?.name,
      item.error?.message,
      (item.error?.cause as Error | undefined)?.name,
    ]);
  },
  "at-most-once step retried after failures": (sdk) => async (_, ctx) =>
    ctx.step(
      "once",
      async (step) => {
        if (step.attempt < 3) throw new Error(`attempt ${step.attempt}`);
        return step.attempt;
      },
      {
        semantics: sdk.StepSemantics.AtMostOncePerRetry,
        retryStrategy: sdk.createRetryStrategy({ maxAttempts: 4, jitter: sdk.JitterStrategy.NONE }),
      },
    ),
  "withRetry with durable back-off waits": (sdk) => async (_, ctx) =>
    sdk.withRetry(
      ctx,
      "fetch",
      async (c: OurContext, attempt: number) => {
        const value = await c.step("try", async () => attempt);
        if (value < 3) throw new Error("again");
        return value;
      },
      {
        retryStrategy: sdk.createRetryStrategy({ maxAttempts: 5, jitter: sdk.JitterStrategy.NONE }),
      },
    ),
  "large child result replayed from its children": () => async (_, ctx) => {
    const joined = await ctx.runInChildContext("big", async (c) => {
      const a = await c.step("a", async () => "x".repeat(200_000));
      const b = await c.step("b", async () => "y".repeat(100_000));
      return a + b;
    });
    await ctx.wait({ seconds: 1 });
    return joined.length;
  },
};

describe("parity of our SDK and runner with the official SDK and runner", () => {
  for (const [name, workflow] of Object.entries(workflows)) {
    it(`records the same operations, history and result: ${name}`, async () => {
      const seen = await onBoth(async (lib) => {
        const sdk = lib === ours ? ourSdk : (officialSdk as unknown as Sdk);
        const runner = new lib.LocalDurableTestRunner({
          handlerFunction: sdk.withDurableExecution(workflow(sdk)),
        });
        return observe(await runner.run());
      });

      expect(seen.ours).toEqual(seen.official);
    });
  }
});
