import { describe, expect, it } from "vitest";
import { T0 } from "../internal/testing/operation-fixtures.ts";
import { createColors } from "./colors.ts";
import {
  describeError,
  renderExecutionDetail,
  renderExecutionList,
  renderOutcome,
} from "./executions-view.ts";
import type { ExecutionView } from "./executions-view.ts";

const options = { colors: createColors(false), now: T0 + 10_000, timeZone: "UTC" };
const succeeded: ExecutionView = {
  executionId: "exec-1",
  name: "ord-1",
  functionName: "processOrder",
  status: "SUCCEEDED",
  input: '{"orderId":"ord-1"}',
  result: '{"confirmed":true}',
  startedAt: T0,
  endedAt: T0 + 3210,
};
const failed: ExecutionView = {
  ...succeeded,
  executionId: "exec-2",
  name: "ord-2",
  status: "FAILED",
  result: undefined,
  error: {
    ErrorType: "PaymentError",
    ErrorMessage: "card declined",
    ErrorData: '{"code":51}',
    StackTrace: ["at charge (pay.ts:3:9)"],
  },
};

describe("execution list", () => {
  it("shows name, function, status, start, duration and id, one row each", () => {
    expect(
      renderExecutionList(
        [succeeded, { ...failed, status: "RUNNING", endedAt: undefined }],
        options,
      ),
    ).toBe(
      [
        "NAME   FUNCTION      STATUS       STARTED              DURATION  ID",
        "ord-1  processOrder  ✓ SUCCEEDED  2025-06-01 12:00:00     3.21s  exec-1",
        "ord-2  processOrder  ▶ RUNNING    2025-06-01 12:00:00       10s  exec-2",
      ].join("\n"),
    );
  });
  it("says so when nothing matches", () => {
    expect(renderExecutionList([], options)).toBe("No executions found.");
  });
});

describe("execution detail", () => {
  it("lists every field with payloads on one line", () => {
    expect(renderExecutionDetail(failed, options)).toBe(
      [
        "Execution:  exec-2",
        "Name:       ord-2",
        "Function:   processOrder",
        "Status:     ✗ FAILED",
        "Started:    2025-06-01 12:00:00",
        "Ended:      2025-06-01 12:00:03",
        "Duration:   3.21s",
        'Input:      {"orderId":"ord-1"}',
        "Error:      PaymentError: card declined",
      ].join("\n"),
    );
  });
});

describe("outcome", () => {
  it("prints the pretty result of a success", () => {
    expect(renderOutcome(succeeded, options)).toBe(
      '✓ SUCCEEDED ord-1 in 3.21s\nResult:\n  {\n    "confirmed": true\n  }',
    );
  });
  it("prints the error, its data and stack of a failure", () => {
    expect(renderOutcome(failed, options)).toBe(
      [
        "✗ FAILED ord-2 in 3.21s",
        "Error: PaymentError: card declined",
        '  data: {"code":51}',
        "  at charge (pay.ts:3:9)",
      ].join("\n"),
    );
  });
  it("describes errors that lack a type or a message", () => {
    expect(describeError({ ErrorMessage: "m" })).toBe("m");
    expect(describeError({ ErrorType: "T" })).toBe("T");
    expect(describeError({})).toBe("(empty error)");
  });
});
