import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historyCounts, historySignature } from "../support/history-signature.ts";
import { handler } from "./batch-processing.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("batch processing", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("imports 10,000 records in 20 batches of 500, skipping the broken ones", async () => {
    const result = await runner.run({ payload: { importId: "imp-1" } });

    expect(result.getResult()).toEqual({
      importId: "imp-1",
      records: 10_000,
      batches: 20,
      imported: 9_990,
      skipped: 10,
      skippedSample: [997, 1994, 2991, 3988, 4985, 5982, 6979, 7976, 8973, 9970],
    });

    const events = result.getHistoryEvents();
    // One context and one step per batch, not per record.
    expect(historyCounts(events)).toEqual({
      ExecutionStarted: 1,
      "StepStarted Step": 21,
      "StepSucceeded Step": 21,
      "ContextStarted Map": 1,
      "ContextSucceeded Map": 1,
      "ContextStarted MapIteration": 20,
      "ContextSucceeded MapIteration": 20,
      ExecutionSucceeded: 1,
    });
    const signature = historySignature(events);
    expect(signature.slice(0, 4)).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "count-records"],
      ["StepSucceeded", "Step", "count-records"],
      ["ContextStarted", "Map", "import-records"],
    ]);
    expect(signature.slice(-2)).toEqual([
      ["ContextSucceeded", "Map", "import-records"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
    // Batches start in input order...
    const batchStarts = signature
      .filter(([type, subType]) => type === "ContextStarted" && subType === "MapIteration")
      .map(([, , name]) => name);
    expect(batchStarts).toEqual(Array.from({ length: 20 }, (_, index) => `map-batch-${index}`));
    // ...and at most four are in flight: the fifth starts only after one of the first four ended.
    const position = (match: (event: (typeof signature)[number]) => boolean): number =>
      signature.findIndex(match);
    const firstBatchEnd = position(
      ([type, subType]) => type === "ContextSucceeded" && subType === "MapIteration",
    );
    const fifthBatchStart = position(
      ([type, , name]) => type === "ContextStarted" && name === "map-batch-4",
    );
    expect(fifthBatchStart).toBeGreaterThan(firstBatchEnd);
  });

  it("follows the batch size and concurrency it is given", async () => {
    const result = await runner.run({
      payload: { importId: "imp-2", recordCount: 1_200, batchSize: 100, maxConcurrency: 2 },
    });

    expect(result.getResult()).toMatchObject({
      records: 1_200,
      batches: 12,
      imported: 1_199,
      skipped: 1,
    });
    expect(historyCounts(result.getHistoryEvents())["ContextSucceeded MapIteration"]).toBe(12);
    const signature = historySignature(result.getHistoryEvents());
    const firstBatchEnd = signature.findIndex(
      ([type, subType]) => type === "ContextSucceeded" && subType === "MapIteration",
    );
    const thirdBatchStart = signature.findIndex(
      ([type, , name]) => type === "ContextStarted" && name === "map-batch-2",
    );
    expect(thirdBatchStart).toBeGreaterThan(firstBatchEnd);
  });
});
