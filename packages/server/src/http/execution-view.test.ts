import { describe, expect, it } from "vitest";
import {
  executionPath,
  functionArnOf,
  toExecutionListItem,
  toExecutionView,
} from "./execution-view.ts";

const arn =
  "arn:durably:lambda:local:000000000000:function:orders:$LATEST/durable-execution/order-42/0b5f";

describe("execution views", () => {
  it("renames a finished execution to GetDurableExecution's members", () => {
    const view = toExecutionView({
      executionId: arn,
      name: "order-42",
      functionName: "orders",
      status: "FAILED",
      input: '{"id":42}',
      error: { ErrorType: "Error", ErrorMessage: "boom" },
      startedAt: Date.UTC(2025, 0, 1),
      endedAt: Date.UTC(2025, 0, 2),
      timeoutSeconds: 3600,
    });
    expect(view).toEqual({
      DurableExecutionArn: arn,
      DurableExecutionName: "order-42",
      FunctionName: "orders",
      FunctionArn: "arn:durably:lambda:local:000000000000:function:orders:$LATEST",
      Status: "FAILED",
      StartTimestamp: "2025-01-01T00:00:00.000Z",
      EndTimestamp: "2025-01-02T00:00:00.000Z",
      InputPayload: '{"id":42}',
      Error: { ErrorType: "Error", ErrorMessage: "boom" },
      DurableConfig: { ExecutionTimeout: 3600 },
    });
  });

  it("leaves out what a running execution does not have, and payloads from list items", () => {
    const summary = {
      executionId: arn,
      name: "order-42",
      functionName: "orders",
      status: "RUNNING" as const,
      input: "{}",
      startedAt: 0,
    };
    expect(Object.keys(toExecutionView(summary))).not.toContain("EndTimestamp");
    expect(toExecutionListItem(summary)).not.toHaveProperty("InputPayload");
  });

  it("derives the function ARN only from ARN-shaped ids", () => {
    expect(functionArnOf("some-uuid")).toBeUndefined();
    expect(functionArnOf("arn:x:lambda:r:1:other/durable-execution/a/b")).toBeUndefined();
  });

  it("encodes the ARN as one path segment", () => {
    expect(executionPath(arn)).toBe(`/durable-executions/${encodeURIComponent(arn)}`);
    expect(executionPath(arn).split("/")).toHaveLength(3);
  });
});
