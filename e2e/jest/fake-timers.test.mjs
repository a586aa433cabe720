import { jest } from "@jest/globals";
import { LocalDurableTestRunner } from "@durably/testing";
import { withDurableExecution } from "@durably/sdk";

afterEach(async () => {
  jest.useRealTimers();
  await LocalDurableTestRunner.teardownTestEnvironment();
});

describe("setupTestEnvironment under Jest", () => {
  it("refuses skipTime when jest.useFakeTimers() is already on", async () => {
    jest.useFakeTimers();

    await expect(LocalDurableTestRunner.setupTestEnvironment({ skipTime: true })).rejects.toThrow(
      "fake timers are already installed",
    );
  });

  it("runs without time skipping and leaves Jest's Date alone", async () => {
    const RealDate = Date;
    await LocalDurableTestRunner.setupTestEnvironment();
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_event, ctx) =>
        ctx.step("answer", async () => 42),
      ),
    });

    const result = await runner.run();

    expect(result.getResult()).toBe(42);
    expect(Date).toBe(RealDate);
  });
});
