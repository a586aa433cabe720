/**
 * The wire shape of executions: the engine's summary renamed to the protocol's `GetDurableExecution`
 * members (spec/protocol.md §10.1), instants as ISO-8601 strings.
 */
import type { ExecutionSummary } from "@durably/engine";
import type { ErrorObject, ExecutionStatus } from "@durably/sdk/protocol";

/** An execution in a list (`Execution` of §10). */
export interface ExecutionListItem {
  DurableExecutionArn: string;
  DurableExecutionName: string;
  FunctionName: string;
  /** The qualified function ARN the execution ARN starts with, when it has the ARN form. */
  FunctionArn?: string | undefined;
  Status: ExecutionStatus;
  StartTimestamp: string;
  EndTimestamp?: string | undefined;
}

/** One execution with its payloads (`GetDurableExecution` of §10.1). */
export interface ExecutionView extends ExecutionListItem {
  InputPayload?: string | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
  DurableConfig?: { ExecutionTimeout: number } | undefined;
}

const executionMarker = "/durable-execution/";

/** The function ARN an execution ARN starts with (`…:function:<name>:<version>`), if it has that form. */
export function functionArnOf(executionArn: string): string | undefined {
  const at = executionArn.indexOf(executionMarker);
  if (at <= 0 || !executionArn.startsWith("arn:")) return undefined;
  const prefix = executionArn.slice(0, at);
  return prefix.includes(":function:") ? prefix : undefined;
}

/** The list entry of an execution. */
export function toExecutionListItem(summary: ExecutionSummary): ExecutionListItem {
  const item: ExecutionListItem = {
    DurableExecutionArn: summary.executionId,
    DurableExecutionName: summary.name,
    FunctionName: summary.functionName,
    Status: summary.status,
    StartTimestamp: new Date(summary.startedAt).toISOString(),
  };
  const functionArn = functionArnOf(summary.executionId);
  if (functionArn !== undefined) item.FunctionArn = functionArn;
  if (summary.endedAt !== undefined) item.EndTimestamp = new Date(summary.endedAt).toISOString();
  return item;
}

/** The full view of an execution. */
export function toExecutionView(summary: ExecutionSummary): ExecutionView {
  const view: ExecutionView = toExecutionListItem(summary);
  if (summary.input !== undefined) view.InputPayload = summary.input;
  if (summary.result !== undefined) view.Result = summary.result;
  if (summary.error !== undefined) view.Error = summary.error;
  if (summary.timeoutSeconds !== undefined)
    view.DurableConfig = { ExecutionTimeout: summary.timeoutSeconds };
  return view;
}

/** The path of an execution's resource, its ARN percent-encoded as one segment. */
export function executionPath(executionArn: string): string {
  return `/durable-executions/${encodeURIComponent(executionArn)}`;
}
