import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historySignature } from "../support/history-signature.ts";
import { handler } from "./etl-pipeline.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("ETL pipeline", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("extracts, waits, transforms, waits for the load window, loads and verifies", async () => {
    const result = await runner.run({ payload: { batchDate: "2025-01-06" } });

    expect(result.getResult()).toEqual({
      batchDate: "2025-01-06",
      extracted: 6,
      rejected: 2,
      loadedRows: 2,
      jobId: "load-2025-01-06-2",
      pollsUntilLoaded: 3,
      revenue: [
        { region: "north", revenueCents: 3200, sales: 2 },
        { region: "south", revenueCents: 4660, sales: 2 },
      ],
    });
    // The default waits: an hour for late records, six hours until the load window.
    expect(runner.getOperation("wait-for-late-arrivals").getWaitDetails()?.waitSeconds).toBe(3600);
    expect(runner.getOperation("wait-for-load-window").getWaitDetails()?.waitSeconds).toBe(21_600);
    // Three checks of the load job, the state carried between them.
    expect(runner.getOperation("wait-for-load-job").getStepDetails()).toMatchObject({
      attempt: 3,
      result: { jobId: "load-2025-01-06-2", polls: 3, status: "DONE" },
    });

    const poll = (event: string): [string, string, string] => [
      event,
      "WaitForCondition",
      "wait-for-load-job",
    ];
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["ContextStarted", "RunInChildContext", "extract"],
      ["StepStarted", "Step", "export-sales"],
      ["StepSucceeded", "Step", "export-sales"],
      ["ContextSucceeded", "RunInChildContext", "extract"],
      ["WaitStarted", "Wait", "wait-for-late-arrivals"],
      ["WaitSucceeded", "Wait", "wait-for-late-arrivals"],
      ["ContextStarted", "RunInChildContext", "transform"],
      ["StepStarted", "Step", "clean-sales"],
      ["StepSucceeded", "Step", "clean-sales"],
      ["StepStarted", "Step", "aggregate-by-region"],
      ["StepSucceeded", "Step", "aggregate-by-region"],
      ["ContextSucceeded", "RunInChildContext", "transform"],
      ["WaitStarted", "Wait", "wait-for-load-window"],
      ["WaitSucceeded", "Wait", "wait-for-load-window"],
      ["ContextStarted", "RunInChildContext", "load"],
      ["StepStarted", "Step", "submit-load-job"],
      ["StepSucceeded", "Step", "submit-load-job"],
      poll("StepStarted"),
      poll("StepSucceeded"),
      poll("StepStarted"),
      poll("StepSucceeded"),
      poll("StepStarted"),
      poll("StepSucceeded"),
      ["StepStarted", "Step", "verify-row-count"],
      ["StepSucceeded", "Step", "verify-row-count"],
      ["ContextSucceeded", "RunInChildContext", "load"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("takes the waits it is given", async () => {
    await runner.run({
      payload: {
        batchDate: "2025-01-07",
        lateArrivalWait: { minutes: 5 },
        loadWindowWait: { days: 1 },
      },
    });

    expect(runner.getOperation("wait-for-late-arrivals").getWaitDetails()?.waitSeconds).toBe(300);
    expect(runner.getOperation("wait-for-load-window").getWaitDetails()?.waitSeconds).toBe(86_400);
  });
});
