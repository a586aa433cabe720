import type { DurableExecutionInvocationOutput, Operation } from "../protocol/wire.ts";
import type { InvocationEndInfo, InvocationInfo } from "./durable-instrumentation-plugin.ts";
import { toOperationInfoMap } from "./operation-info.ts";
import { PluginInvocationStatus } from "./plugin-statuses.ts";

/** What an invocation knows when it starts. */
export interface InvocationFacts {
  readonly requestId: string;
  readonly executionArn: string;
  readonly executionInput: unknown;
  /** The loaded operations; the first is the EXECUTION operation. */
  readonly operations: readonly Operation[];
  readonly updatedOperationIds: readonly string[] | undefined;
}

/** How an invocation ended: its output, or the error the Lambda handler throws. */
export type InvocationEnding =
  | {
      readonly output: DurableExecutionInvocationOutput;
      /** The handler's return value, when it returned. */
      readonly result?: unknown;
      /** Why the execution failed, when it did. */
      readonly error?: unknown;
    }
  | { readonly thrown: unknown };

/** What `onInvocationStart` and `wrapInvocation` receive. */
export function invocationInfo(facts: InvocationFacts): InvocationInfo {
  const operations = toOperationInfoMap(facts.operations);
  const updatedOperations: InvocationInfo["updatedOperations"] = {};
  for (const id of facts.updatedOperationIds ?? []) {
    const operation = operations[id];
    if (operation !== undefined) updatedOperations[id] = operation;
  }
  const info: InvocationInfo = {
    requestId: facts.requestId,
    executionArn: facts.executionArn,
    executionInput: facts.executionInput,
    operations,
    // The EXECUTION operation alone means nothing ran before: the execution's first invocation.
    isFirstInvocation: facts.operations.length <= 1,
    updatedOperations,
  };
  const startedAt = facts.operations[0]?.StartTimestamp;
  if (startedAt !== undefined) info.executionStartTimestamp = startedAt;
  return info;
}

/**
 * What `onInvocationEnd` receives: the start info's base fields, the operations as they are now
 * and the status — RETRYING when the Lambda handler throws (the invocation will be retried).
 */
export function invocationEndInfo(
  start: InvocationInfo,
  ending: InvocationEnding,
  operations: Iterable<Operation>,
): InvocationEndInfo {
  const info: InvocationEndInfo = {
    requestId: start.requestId,
    executionArn: start.executionArn,
    executionInput: start.executionInput,
    operations: toOperationInfoMap(operations),
    isFirstInvocation: start.isFirstInvocation,
    status: PluginInvocationStatus.RETRYING,
  };
  if (start.executionStartTimestamp !== undefined)
    info.executionStartTimestamp = start.executionStartTimestamp;
  if ("thrown" in ending) {
    info.executionError = asError(ending.thrown);
    return info;
  }
  info.status = ending.output.Status;
  if (ending.output.Status === "SUCCEEDED" && ending.result !== undefined)
    info.executionResult = ending.result;
  if (ending.output.Status === "FAILED") {
    info.executionError = asError(
      ending.error ?? new Error(ending.output.Error?.ErrorMessage ?? "Unknown error"),
    );
  }
  return info;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
