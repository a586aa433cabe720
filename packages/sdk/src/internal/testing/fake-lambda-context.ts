import type { LambdaContext } from "../../handler/lambda-context.ts";

/** A Lambda context for tests. */
export function fakeLambdaContext(overrides: Partial<LambdaContext> = {}): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "test-function",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:test-function",
    memoryLimitInMB: "128",
    awsRequestId: "request-1",
    logGroupName: "/aws/lambda/test-function",
    logStreamName: "stream",
    getRemainingTimeInMillis: () => 900_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
    ...overrides,
  };
}
