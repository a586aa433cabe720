import { createEngine, VirtualClock } from "@durably/engine";
import type { DurableFunctionHandler, Engine } from "@durably/engine";
import { createMemoryStore } from "@durably/store/memory";
import { afterEach, describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import {
  canonicalJson,
  findExecution,
  findResumableExecution,
  isSameInput,
} from "./execution-lookup.ts";

// Never invoked: the engine is not started, so executions stay RUNNING as created.
const idle: DurableFunctionHandler = async () => ({ Status: "PENDING" });
let engine: Engine;

function newEngine(): Engine {
  engine = createEngine({
    store: createMemoryStore(),
    clock: new VirtualClock(Date.UTC(2025, 0, 1)),
    functions: { orders: idle, refunds: idle },
  });
  return engine;
}

afterEach(async () => {
  await engine.stop();
});

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

describe("findExecution", () => {
  it("finds an execution by id and by name", async () => {
    const engine = newEngine();
    const { execution } = await engine.startExecution({
      functionName: "orders",
      executionName: "ord-1",
    });
    expect((await findExecution(engine, execution.executionId)).name).toBe("ord-1");
    expect((await findExecution(engine, "ord-1")).executionId).toBe(execution.executionId);
  });

  it("matches names exactly, not by prefix", async () => {
    const engine = newEngine();
    await engine.startExecution({ functionName: "orders", executionName: "ord-10" });
    const error = await rejection(findExecution(engine, "ord-1"));
    expect(error.reason).toBe("UNKNOWN_EXECUTION");
    expect(error.message).toBe('No execution with id or name "ord-1".');
  });

  it("asks for --function when two functions use the same name, and honours it", async () => {
    const engine = newEngine();
    await engine.startExecution({ functionName: "orders", executionName: "x-1" });
    await engine.startExecution({ functionName: "refunds", executionName: "x-1" });
    const error = await rejection(findExecution(engine, "x-1"));
    expect(error.reason).toBe("AMBIGUOUS_EXECUTION");
    expect(error.message).toContain("orders");
    expect(error.message).toContain("refunds");
    expect((await findExecution(engine, "x-1", "refunds")).functionName).toBe("refunds");
  });
});

describe("findResumableExecution", () => {
  it("finds the RUNNING execution of the function with the same input, whatever the key order", async () => {
    const engine = newEngine();
    await engine.startExecution({
      functionName: "orders",
      executionName: "other-input",
      input: { id: 2 },
    });
    const { execution } = await engine.startExecution({
      functionName: "orders",
      executionName: "same",
      input: { id: 1, note: "a" },
    });
    await engine.startExecution({
      functionName: "refunds",
      executionName: "other-function",
      input: { id: 1, note: "a" },
    });
    expect(
      (await findResumableExecution(engine, "orders", { note: "a", id: 1 }))?.executionId,
    ).toBe(execution.executionId);
    expect(await findResumableExecution(engine, "orders", { id: 3 })).toBeUndefined();
  });

  it("treats a run without input as the same as one with {}", async () => {
    const engine = newEngine();
    const { execution } = await engine.startExecution({
      functionName: "orders",
      executionName: "no-input",
    });
    expect((await findResumableExecution(engine, "orders", undefined))?.executionId).toBe(
      execution.executionId,
    );
    expect((await findResumableExecution(engine, "orders", {}))?.executionId).toBe(
      execution.executionId,
    );
  });

  it("ignores finished executions", async () => {
    const engine = newEngine();
    const { execution } = await engine.startExecution({
      functionName: "orders",
      executionName: "stopped",
      input: { id: 1 },
    });
    await engine.stopExecution(execution.executionId);
    expect(await findResumableExecution(engine, "orders", { id: 1 })).toBeUndefined();
  });
});

describe("input matching", () => {
  it("treats inputs that differ only in key order as the same", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
    expect(isSameInput('{"b":1,"a":2}', { a: 2, b: 1 })).toBe(true);
  });

  it("treats no input and an empty object as the same, since the handler receives {} for both", () => {
    expect(isSameInput(undefined, undefined)).toBe(true);
    expect(isSameInput("{}", undefined)).toBe(true);
    expect(isSameInput(undefined, {})).toBe(true);
  });

  it("tells different inputs apart", () => {
    expect(isSameInput('{"a":1}', { a: 2 })).toBe(false);
    expect(isSameInput("[1,2]", [2, 1])).toBe(false);
    expect(isSameInput("not json", "not json")).toBe(false);
  });
});
