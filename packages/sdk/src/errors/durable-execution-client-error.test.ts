import { describe, expect, test } from "vitest";
import {
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
  NonDeterministicExecutionError,
  PluginLoadError,
  StepInterruptedError,
} from "../index.ts";

describe("DurableExecutionClientError", () => {
  test("defaults to invocation scope and keeps the cause", () => {
    const cause = new Error("socket");
    const error = new DurableExecutionClientError("failed", { cause });
    expect([
      error.name,
      error.message,
      error.scope,
      error.cause,
      error.isDurableExecutionClientError,
    ]).toEqual(["DurableExecutionClientError", "failed", "INVOCATION", cause, true]);
    expect(
      new DurableExecutionClientError("x", { scope: DurableExecutionClientErrorScope.EXECUTION })
        .scope,
    ).toBe("EXECUTION");
  });

  test("the guard accepts instances and branded look-alikes only", () => {
    expect(isDurableExecutionClientError(new DurableExecutionClientError("x"))).toBe(true);
    expect(
      isDurableExecutionClientError({ isDurableExecutionClientError: true, scope: "EXECUTION" }),
    ).toBe(true);
    expect(isDurableExecutionClientError(new Error("x"))).toBe(false);
    expect(isDurableExecutionClientError(null)).toBe(false);
  });
});

describe("other SDK errors", () => {
  test("names and messages", () => {
    expect(new NonDeterministicExecutionError("m").name).toBe("NonDeterministicExecutionError");
    const plugin = new PluginLoadError("cannot load", { cause: new Error("x") });
    expect([plugin.name, plugin.message, (plugin.cause as Error).message]).toEqual([
      "PluginLoadError",
      "Dynamic plugin configuration failed: cannot load",
      "x",
    ]);
    const interrupted = new StepInterruptedError("3", "charge");
    expect([interrupted.name, interrupted.stepId, interrupted.stepName]).toEqual([
      "StepInterruptedError",
      "3",
      "charge",
    ]);
  });
});
