import { describe, expect, test } from "vitest";
import { DurableExecutionClientError } from "../errors/durable-execution-client-error.ts";
import { classifyCheckpointError } from "./classify-checkpoint-error.ts";

const awsError = (name: string, message: string, status?: number) =>
  Object.assign(
    new Error(message),
    { name },
    status === undefined ? {} : { $metadata: { httpStatusCode: status } },
  );

describe("classifyCheckpointError", () => {
  test.each([
    [
      "client error, execution scope",
      new DurableExecutionClientError("x", { scope: "EXECUTION" }),
      "EXECUTION",
    ],
    ["client error, default scope", new DurableExecutionClientError("x"), "INVOCATION"],
    [
      "stale token",
      awsError("InvalidParameterValueException", "Invalid Checkpoint Token: expired", 400),
      "INVOCATION",
    ],
    [
      "other 4xx",
      awsError("InvalidParameterValueException", "Invalid current STEP state to close.", 400),
      "EXECUTION",
    ],
    ["throttling", awsError("TooManyRequestsException", "slow down", 429), "INVOCATION"],
    ["5xx", awsError("ServiceException", "oops", 500), "INVOCATION"],
    ["KMS", awsError("KMSNotFoundException", "no key"), "EXECUTION"],
    ["network", new Error("ECONNRESET"), "INVOCATION"],
    ["non-error", "weird", "INVOCATION"],
  ])("%s", (_label, error, scope) => {
    const classified = classifyCheckpointError(error);
    expect(classified.scope).toBe(scope);
    expect(classified.message.startsWith("Checkpoint failed: ")).toBe(true);
    expect(classified.cause).toBe(error);
  });
});
