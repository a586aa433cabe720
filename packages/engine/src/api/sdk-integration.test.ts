/**
 * Real SDK handlers (`withDurableExecution` from @durably/sdk) on the engine: the SDK's checkpoints,
 * replay and suspension against the engine's validation, history, timers and virtual time.
 */
import { createRetryStrategy, JitterStrategy, withDurableExecution } from "@durably/sdk";
import { describe, expect, it } from "vitest";
import { signature, testEngine, testEpoch } from "../internal/testing/raw-invocation.ts";

describe("SDK handlers on the engine", () => {
  it("runs steps and a three-day wait in virtual time, never re-running a completed step", async () => {
    const { engine, clock } = testEngine();
    const runs = { greet: 0, shout: 0 };
    engine.register(
      "greeter",
      withDurableExecution(async (event: { name: string }, context) => {
        const greeting = await context.step("greet", async () => {
          runs.greet++;
          return `Hello, ${event.name}!`;
        });
        await context.wait({ days: 3 });
        return context.step("shout", async () => {
          runs.shout++;
          return greeting.toUpperCase();
        });
      }),
    );
    const { execution } = await engine.startExecution({
      functionName: "greeter",
      input: { name: "World" },
    });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      result: '"HELLO, WORLD!"',
      endedAt: testEpoch + 3 * 86_400_000,
    });
    expect(runs).toEqual({ greet: 1, shout: 1 });
    expect(clock.now()).toBe(testEpoch + 3 * 86_400_000);
    expect(signature(await engine.getHistory(execution.executionId))).toEqual([
      "ExecutionStarted",
      "StepStarted Step greet",
      "StepSucceeded Step greet",
      "WaitStarted Wait",
      "InvocationCompleted",
      "WaitSucceeded Wait",
      "StepStarted Step shout",
      "StepSucceeded Step shout",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  it("retries a failing step across invocations with the recorded attempt numbers (1-11)", async () => {
    const { engine } = testEngine();
    let attempts = 0;
    engine.register(
      "flaky",
      withDurableExecution(async (_event, context) =>
        context.step(
          async () => {
            attempts++;
            if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
            return "Operation succeeded";
          },
          {
            retryStrategy: createRetryStrategy({
              maxAttempts: 5,
              initialDelay: { seconds: 1 },
              backoffRate: 1,
              jitter: JitterStrategy.NONE,
            }),
          },
        ),
      ),
    );
    const { execution } = await engine.startExecution({ functionName: "flaky" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '"Operation succeeded"' });
    expect(attempts).toBe(3);
    const history = await engine.getHistory(execution.executionId);
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "StepStarted Step",
      "StepFailed Step",
      "InvocationCompleted",
      "StepStarted Step",
      "StepFailed Step",
      "InvocationCompleted",
      "StepStarted Step",
      "StepSucceeded Step",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    const retryDetails = history
      .map((e) => e.StepFailedDetails?.RetryDetails ?? e.StepSucceededDetails?.RetryDetails)
      .filter((r) => r !== undefined);
    expect(retryDetails).toEqual([
      { CurrentAttempt: 1, NextAttemptDelaySeconds: 1 },
      { CurrentAttempt: 2, NextAttemptDelaySeconds: 1 },
      { CurrentAttempt: 3 },
    ]);
  });

  it("fails the execution with the step's error when retries are exhausted", async () => {
    const { engine } = testEngine();
    engine.register(
      "doomed",
      withDurableExecution(async (_event, context) =>
        context.step(
          async () => {
            throw new Error("always");
          },
          { retryStrategy: createRetryStrategy({ maxAttempts: 2, initialDelay: { seconds: 1 } }) },
        ),
      ),
    );
    const { execution } = await engine.startExecution({ functionName: "doomed" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "FAILED", error: { ErrorMessage: "always" } });
    expect(
      signature(await engine.getHistory(execution.executionId)).filter((s) => s.startsWith("Step")),
    ).toEqual(["StepStarted Step", "StepFailed Step", "StepStarted Step", "StepFailed Step"]);
  });

  it("suspends on a callback until it is completed through the engine", async () => {
    const { engine } = testEngine();
    engine.register(
      "approval",
      withDurableExecution(async (_event, context) => {
        const [promise] = await context.createCallback<string>("approve");
        return { approved: await promise };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "approval" });
    await engine.whenIdle();
    expect((await engine.getExecution(execution.executionId)).status).toBe("RUNNING");
    const callback = (await engine.getOperations(execution.executionId)).find(
      (op) => op.Type === "CALLBACK",
    );
    // createCallback hands the raw result text to the code (pass-through serdes by default).
    await engine.sendCallbackSuccess(callback?.CallbackDetails?.CallbackId ?? "", "yes");
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '{"approved":"yes"}' });
  });

  it("runs child contexts and records their events with parent ids", async () => {
    const { engine } = testEngine();
    engine.register(
      "nested",
      withDurableExecution(async (_event, context) =>
        context.runInChildContext("child", async (child) => {
          const a = await child.step("a", async () => 1);
          const b = await child.step("b", async () => 2);
          return a + b;
        }),
      ),
    );
    const { execution } = await engine.startExecution({ functionName: "nested" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: "3" });
    const history = await engine.getHistory(execution.executionId);
    const contextId = history.find((e) => e.EventType === "ContextStarted")?.Id;
    expect(
      history.filter((e) => e.EventType.startsWith("Step")).every((e) => e.ParentId === contextId),
    ).toBe(true);
  });

  it("invokes another durable function", async () => {
    const { engine } = testEngine();
    engine.register(
      "double",
      withDurableExecution(async (event: { n: number }) => event.n * 2),
    );
    engine.register(
      "caller",
      withDurableExecution(async (_event, context) => {
        const doubled = await context.invoke<{ n: number }, number>("double", { n: 21 });
        return doubled;
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "caller" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: "42" });
    expect(signature(await engine.getHistory(execution.executionId))).toEqual([
      "ExecutionStarted",
      "ChainedInvokeStarted ChainedInvoke",
      "InvocationCompleted",
      "ChainedInvokeSucceeded ChainedInvoke",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  it("runs many executions concurrently; each finishes at its own virtual time", async () => {
    const { engine, clock } = testEngine({ concurrency: 8 });
    engine.register(
      "sleeper",
      withDurableExecution(async (event: { hours: number }, context) => {
        await context.step("before", async () => event.hours);
        await context.wait({ hours: event.hours });
        return context.step("after", async () => event.hours * 2);
      }),
    );
    const hours = Array.from({ length: 40 }, (_, i) => ((i * 7) % 40) + 1);
    const started = await Promise.all(
      hours.map((h) => engine.startExecution({ functionName: "sleeper", input: { hours: h } })),
    );
    const done = await Promise.all(
      started.map((s) => engine.waitForExecution(s.execution.executionId)),
    );
    expect(done.map((d) => [d.status, d.result])).toEqual(
      hours.map((h) => ["SUCCEEDED", String(h * 2)]),
    );
    expect(done.map((d) => (d.endedAt ?? 0) - testEpoch)).toEqual(hours.map((h) => h * 3_600_000));
    expect(clock.now()).toBe(testEpoch + 40 * 3_600_000);
  });
});
