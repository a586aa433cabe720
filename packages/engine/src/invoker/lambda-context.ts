/**
 * The Lambda-like context object a handler receives with each invocation.
 */
import type { InvocationContext } from "../api/engine-api.ts";
import type { Clock } from "../clock/clock.ts";
import { functionArn } from "../internal/ids.ts";

const notImplemented = (): never => {
  throw new Error("Function not implemented.");
};

/** The context of one invocation; `awsRequestId` is the invocation id. */
export function createInvocationContext(options: {
  functionName: string;
  invocationId: string;
  deadline: number;
  clock: Clock;
}): InvocationContext {
  const { functionName, invocationId, deadline, clock } = options;
  return {
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn(functionName),
    memoryLimitInMB: "1024",
    awsRequestId: invocationId,
    logGroupName: `/durably/functions/${functionName}`,
    logStreamName: invocationId,
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    done: notImplemented,
    fail: notImplemented,
    succeed: notImplemented,
  };
}
