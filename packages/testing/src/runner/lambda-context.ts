/**
 * The synthetic Lambda context the official local runner hands to handlers: fixed names, one random
 * request id per run, 15 minutes remaining, and `done/fail/succeed` that are not implemented.
 */
import type { InvocationContext } from "@durably/engine";

const notImplemented = (): never => {
  throw new Error("Function not implemented.");
};

/** The Lambda context of one run (`awsRequestId` is shared by every invocation of that run). */
export function createLambdaContext(awsRequestId: string): InvocationContext {
  return {
    functionName: "my-function-name",
    functionVersion: "1",
    invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:my-function-name",
    memoryLimitInMB: "1024",
    awsRequestId,
    logGroupName: "MyLogGroupName",
    logStreamName: "MyLogStreamName",
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 900_000,
    done: notImplemented,
    fail: notImplemented,
    succeed: notImplemented,
  };
}
