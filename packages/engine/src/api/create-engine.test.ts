import { describe, expect, it } from "vitest";
import { rawHandler, signature, step, testEngine } from "../internal/testing/raw-invocation.ts";

describe("createEngine", () => {
  it("runs a raw handler that checkpoints a step and succeeds", async () => {
    const { engine } = testEngine();
    engine.register(
      "greet",
      rawHandler(async (inv) => {
        await inv.checkpoint([
          step("s1", "START"),
          step("s1", "SUCCEED", { Payload: '"Hello, World!"' }),
        ]);
        return { Status: "SUCCEEDED", Result: inv.get("s1")?.StepDetails?.Result };
      }),
    );
    const { execution } = await engine.startExecution({ functionName: "greet", input: "World" });
    const done = await engine.waitForExecution(execution.executionId);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.result).toBe('"Hello, World!"');
    const history = await engine.getHistory(execution.executionId);
    expect(signature(history)).toEqual([
      "ExecutionStarted",
      "StepStarted Step",
      "StepSucceeded Step",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });
});
