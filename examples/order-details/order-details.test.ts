import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  eventsByOperation,
  historyCounts,
  historySignature,
} from "../support/history-signature.ts";
import { handler } from "./order-details.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** The item contexts (one per order) and how each ended, from the history. */
function itemOutcomes(events: Parameters<typeof eventsByOperation>[0]): Record<string, string> {
  const outcomes: Record<string, string> = {};
  for (const [key, types] of Object.entries(eventsByOperation(events))) {
    const match = /^(.*) \(MapIteration\)$/.exec(key);
    if (match?.[1] !== undefined) outcomes[match[1]] = types.join(" → ");
  }
  return outcomes;
}

describe("order details with tolerated failures", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("returns the orders it found when at most 20% of the lookups fail", async () => {
    const orderIds = [
      "o-1",
      "o-2",
      "missing-3",
      "o-4",
      "o-5",
      "o-6",
      "missing-7",
      "o-8",
      "o-9",
      "o-10",
    ];
    const result = await runner.run({ payload: { orderIds } });

    const report = result.getResult();
    expect(report.failed).toEqual([
      { orderId: "missing-3", reason: "Order missing-3 does not exist" },
      { orderId: "missing-7", reason: "Order missing-7 does not exist" },
    ]);
    expect(report.found.map((order: { orderId: string }) => order.orderId)).toEqual([
      "o-1",
      "o-2",
      "o-4",
      "o-5",
      "o-6",
      "o-8",
      "o-9",
      "o-10",
    ]);
    expect(report.found[1]).toEqual({
      orderId: "o-2",
      customer: "cus-2",
      totalCents: 24_000,
      readyToShip: false,
      backordered: ["desk"],
    });

    const events = result.getHistoryEvents();
    const succeeded = "ContextStarted → ContextSucceeded";
    expect(itemOutcomes(events)).toEqual({
      "o-1": succeeded,
      "o-2": succeeded,
      "missing-3": "ContextStarted → ContextFailed",
      "o-4": succeeded,
      "o-5": succeeded,
      "o-6": succeeded,
      "missing-7": "ContextStarted → ContextFailed",
      "o-8": succeeded,
      "o-9": succeeded,
      "o-10": succeeded,
    });
    expect(historyCounts(events)).toEqual({
      ExecutionStarted: 1,
      "ContextStarted Map": 1,
      "ContextStarted MapIteration": 10,
      // Ten fetches (two of them not found, not retried) and eight stock checks.
      "StepStarted Step": 18,
      "StepFailed Step": 2,
      "StepSucceeded Step": 16,
      "ContextFailed MapIteration": 2,
      "ContextSucceeded MapIteration": 8,
      "ContextSucceeded Map": 1,
      ExecutionSucceeded: 1,
    });
    // Five lookups at a time: the sixth order starts only after one of the first five ended.
    const signature = historySignature(events);
    const firstItemEnd = signature.findIndex(
      ([type, subType]) => subType === "MapIteration" && type !== "ContextStarted",
    );
    const sixthStart = signature.findIndex(
      ([type, , name]) => type === "ContextStarted" && name === "o-6",
    );
    expect(sixthStart).toBeGreaterThan(firstItemEnd);
    expect(signature.slice(-2)).toEqual([
      ["ContextSucceeded", "Map", "look-up-orders"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("fails with a clear error, and starts no more lookups, once more than 20% failed", async () => {
    const orderIds = [
      "o-1",
      "missing-2",
      "o-3",
      "missing-4",
      "o-5",
      "missing-6",
      "o-7",
      "o-8",
      "o-9",
      "o-10",
    ];
    const result = await runner.run({ payload: { orderIds } });

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorMessage).toBe(
      "More than 20% of the order lookups failed (missing-2, missing-4, missing-6 of 10 orders); stopped looking up the rest.",
    );
    // The map finished at the third failure: the last three orders were never looked up.
    const outcomes = itemOutcomes(result.getHistoryEvents());
    expect(Object.keys(outcomes)).toEqual([
      "o-1",
      "missing-2",
      "o-3",
      "missing-4",
      "o-5",
      "missing-6",
      "o-7",
    ]);
    expect(outcomes["missing-6"]).toBe("ContextStarted → ContextFailed");
    const signature = historySignature(result.getHistoryEvents());
    expect(signature.slice(-2)).toEqual([
      ["ContextSucceeded", "Map", "look-up-orders"],
      ["ExecutionFailed", undefined, undefined],
    ]);
  });
});
