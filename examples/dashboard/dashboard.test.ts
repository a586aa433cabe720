import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventsByOperation, historySignature } from "../support/history-signature.ts";
import { handler } from "./dashboard.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const user = { userId: "usr-42", name: "Grace Hopper", memberSince: "2021-03-14" };
const recentOrders = [
  { orderId: "usr-42-o3", sku: "notebook", totalCents: 1_299 },
  { orderId: "usr-42-o2", sku: "pen-blue", totalCents: 349 },
];
const succeededBranch = ["ContextStarted", "ContextSucceeded"];
const succeededStep = ["StepStarted", "StepSucceeded"];

describe("dashboard", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("fetches user, orders and stock in parallel and assembles them", async () => {
    const result = await runner.run({ payload: { userId: "usr-42" } });

    expect(result.getResult()).toEqual({
      user,
      recentOrders,
      stock: [
        { sku: "notebook", available: 12 },
        { sku: "pen-blue", available: 0 },
      ],
      unavailable: [],
    });
    const events = result.getHistoryEvents();
    const signature = historySignature(events);
    // The three branches start in order, before any of them ends.
    expect(signature.slice(0, 3)).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["ContextStarted", "Parallel", "load-panels"],
      ["ContextStarted", "ParallelBranch", "user"],
    ]);
    expect(signature.slice(-2)).toEqual([
      ["ContextSucceeded", "Parallel", "load-panels"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
    expect(signature).toHaveLength(16);
    expect(eventsByOperation(events)).toEqual({
      "load-panels (Parallel)": succeededBranch,
      "user (ParallelBranch)": succeededBranch,
      "fetch-user (Step)": succeededStep,
      "recent-orders (ParallelBranch)": succeededBranch,
      "fetch-orders (Step)": succeededStep,
      "stock (ParallelBranch)": succeededBranch,
      "fetch-stock (Step)": succeededStep,
    });
  });

  it("shows the other panels and marks stock unavailable when inventory is down", async () => {
    const result = await runner.run({ payload: { userId: "usr-42", inventoryDown: true } });

    expect(result.getResult()).toEqual({
      user,
      recentOrders,
      unavailable: [{ panel: "stock", reason: "inventory service unavailable (503)" }],
    });
    expect(runner.getOperation("fetch-stock").getStepDetails()?.attempt).toBe(3);
    const events = result.getHistoryEvents();
    expect(historySignature(events).slice(-2)).toEqual([
      ["ContextSucceeded", "Parallel", "load-panels"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
    expect(eventsByOperation(events)).toEqual({
      "load-panels (Parallel)": succeededBranch,
      "user (ParallelBranch)": succeededBranch,
      "fetch-user (Step)": succeededStep,
      "recent-orders (ParallelBranch)": succeededBranch,
      "fetch-orders (Step)": succeededStep,
      "stock (ParallelBranch)": ["ContextStarted", "ContextFailed"],
      // Three attempts, each recorded as a failure; the last one is final.
      "fetch-stock (Step)": [
        "StepStarted",
        "StepFailed",
        "StepStarted",
        "StepFailed",
        "StepStarted",
        "StepFailed",
      ],
    });
  });
});
