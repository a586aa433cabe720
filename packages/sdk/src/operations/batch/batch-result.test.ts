import { describe, expect, test } from "vitest";
import { BatchCompletionError, ChildContextError } from "../../index.ts";
import { createBatchResult } from "./batch-result.ts";

describe("BatchResult", () => {
  test("counts, filters and status", () => {
    const error = new ChildContextError("x");
    const result = createBatchResult<number | undefined>(
      [
        { index: 2, status: "STARTED" },
        { index: 0, status: "SUCCEEDED", result: 1 },
        { index: 1, status: "SUCCEEDED", result: undefined },
        { index: 3, status: "FAILED", error },
      ],
      "FAILURE_TOLERANCE_EXCEEDED",
    );
    expect(result.all.map((item) => item.index)).toEqual([0, 1, 2, 3]);
    expect([
      result.successCount,
      result.failureCount,
      result.startedCount,
      result.totalCount,
    ]).toEqual([2, 1, 1, 4]);
    expect(result.succeeded().map((item) => item.index)).toEqual([0]);
    expect(result.getResults()).toEqual([1]);
    expect(result.getErrors()).toEqual([error]);
    expect(result.started().map((item) => item.index)).toEqual([2]);
    expect([result.status, result.hasFailure]).toEqual(["FAILED", true]);
    expect(() => result.throwIfError()).toThrow(error);
    expect(Object.keys(JSON.parse(JSON.stringify(result)))).toEqual(["all", "completionReason"]);
  });

  test("custom outcomes set the status regardless of failures", () => {
    expect(
      createBatchResult(
        [{ index: 0, status: "FAILED", error: new ChildContextError() }],
        "CUSTOM_COMPLETION_SUCCEEDED",
      ).status,
    ).toBe("SUCCEEDED");
    const failed = createBatchResult([], "CUSTOM_COMPLETION_FAILED");
    expect(failed.status).toBe("FAILED");
    expect(() => failed.throwIfError()).toThrow(BatchCompletionError);
    expect(() => createBatchResult([], "ALL_COMPLETED").throwIfError()).not.toThrow();
  });
});
