import { jest } from "@jest/globals";
import { LocalDurableTestRunner, OperationStatus, WaitingOperationStatus } from "@durably/testing";
import { JitterStrategy, createRetryStrategy, withDurableExecution } from "@durably/sdk";

const dayMs = 86_400_000;

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("LocalDurableTestRunner under Jest with time skipping", () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (event, ctx) => {
      const before = await ctx.step("before", async () => Date.now());
      await ctx.wait("overnight", { days: 1 });
      const after = await ctx.step("after", async () => Date.now());
      return { greeting: `hello ${event.name}`, sleptMs: after - before };
    }),
  });

  beforeEach(() => runner.reset());

  it("skips a day-long wait while Date.now() moves a day ahead", async () => {
    const result = await runner.run({ payload: { name: "jest" } });

    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult().greeting).toBe("hello jest");
    expect(result.getResult().sleptMs).toBeGreaterThanOrEqual(dayMs);
    expect(runner.getOperation("overnight").getWaitDetails().waitSeconds).toBe(86_400);
  });

  it("skips a retry back-off and counts the attempts", async () => {
    const flaky = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_event, ctx) => {
        const t0 = await ctx.step("t0", async () => Date.now());
        const value = await ctx.step(
          "flaky",
          async ({ attempt }) => {
            if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
            return attempt;
          },
          {
            retryStrategy: createRetryStrategy({
              maxAttempts: 5,
              initialDelay: { minutes: 30 },
              maxDelay: { hours: 2 },
              backoffRate: 2,
              jitter: JitterStrategy.NONE,
            }),
          },
        );
        return { value, elapsed: (await ctx.step("t1", async () => Date.now())) - t0 };
      }),
    });

    const result = await flaky.run();

    expect(result.getResult().value).toBe(3);
    // 30 minutes, then 60 minutes of back-off, skipped.
    expect(result.getResult().elapsed).toBeGreaterThanOrEqual(90 * 60_000);
    expect(flaky.getOperation("flaky").getStepDetails().attempt).toBe(3);
  });

  it("completes a callback the test sends, with a jest.fn standing in for the notifier", async () => {
    const notify = jest.fn(async () => undefined);
    const approval = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_event, ctx) =>
        ctx.waitForCallback("approve", async (callbackId) => notify(callbackId), {
          timeout: { hours: 1 },
        }),
      ),
    });
    const approve = approval.getOperation("approve");

    const run = approval.run();
    await approve.waitForData(WaitingOperationStatus.SUBMITTED);
    await approve.sendCallbackSuccess(JSON.stringify({ approved: true }));
    const result = await run;

    expect(notify).toHaveBeenCalledWith(approve.getCallbackDetails().callbackId);
    expect(JSON.parse(result.getResult())).toEqual({ approved: true });
    expect(approve.getStatus()).toBe(OperationStatus.SUCCEEDED);
  });

  it("lets a short callback timeout expire in real time", async () => {
    const ignored = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_event, ctx) => {
        const [promise] = await ctx.createCallback("ignored", { timeout: { seconds: 1 } });
        try {
          return await promise;
        } catch (error) {
          return error.constructor.name;
        }
      }),
    });

    const result = await ignored.run();

    expect(result.getResult()).toBe("CallbackTimeoutError");
    expect(ignored.getOperation("ignored").getStatus()).toBe(OperationStatus.TIMED_OUT);
  });
});
