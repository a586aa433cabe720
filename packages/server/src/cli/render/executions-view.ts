/**
 * Views of executions: the list table, the detail block, and the outcome printed when `run` ends.
 */
import type { ErrorObject, ExecutionStatus } from "@durably/sdk/protocol";
import type { Colors } from "./colors.ts";
import { formatDateTime, formatDuration, prettyPayload, previewPayload } from "./format.ts";
import type { TimeFormatOptions } from "./format.ts";
import { formatExecutionStatus } from "./status-symbols.ts";
import { renderFields, renderTable } from "./table.ts";

/** The execution fields the views read (the engine's `ExecutionSummary` fits it). */
export interface ExecutionView {
  executionId: string;
  name: string;
  functionName: string;
  status: ExecutionStatus;
  input?: string | undefined;
  result?: string | undefined;
  error?: ErrorObject | undefined;
  startedAt: number;
  endedAt?: number | undefined;
}

/** Options shared by the execution views. */
export interface ExecutionViewOptions extends TimeFormatOptions {
  colors: Colors;
  now: number;
}

/** The `executions list` table; a sentence when there is nothing to list. */
export function renderExecutionList(
  executions: readonly ExecutionView[],
  options: ExecutionViewOptions,
): string {
  if (executions.length === 0) return "No executions found.";
  const rows = executions.map((execution) => [
    execution.name,
    execution.functionName,
    formatExecutionStatus(execution.status, options.colors),
    formatDateTime(execution.startedAt, options),
    formatDuration((execution.endedAt ?? options.now) - execution.startedAt),
    options.colors.dim(execution.executionId),
  ]);
  return renderTable(
    [
      { header: "NAME" },
      { header: "FUNCTION" },
      { header: "STATUS" },
      { header: "STARTED" },
      { header: "DURATION", align: "right" },
      { header: "ID" },
    ],
    rows,
    options.colors,
  );
}

/** The `executions get` block: every field of the execution, payloads previewed on one line. */
export function renderExecutionDetail(
  execution: ExecutionView,
  options: ExecutionViewOptions,
): string {
  const fields: [string, string][] = [
    ["Execution", execution.executionId],
    ["Name", execution.name],
    ["Function", execution.functionName],
    ["Status", formatExecutionStatus(execution.status, options.colors)],
    ["Started", formatDateTime(execution.startedAt, options)],
  ];
  if (execution.endedAt !== undefined)
    fields.push(["Ended", formatDateTime(execution.endedAt, options)]);
  fields.push([
    "Duration",
    formatDuration((execution.endedAt ?? options.now) - execution.startedAt),
  ]);
  fields.push(["Input", previewPayload(execution.input, 100) || "(none)"]);
  if (execution.result !== undefined)
    fields.push(["Result", previewPayload(execution.result, 100)]);
  if (execution.error !== undefined) fields.push(["Error", describeError(execution.error)]);
  return renderFields(fields, options.colors);
}

/** What `run` prints when the execution has ended: the status line, then the result or the error. */
export function renderOutcome(execution: ExecutionView, options: ExecutionViewOptions): string {
  const took = formatDuration((execution.endedAt ?? options.now) - execution.startedAt);
  const head = `${formatExecutionStatus(execution.status, options.colors)} ${options.colors.bold(execution.name)} in ${took}`;
  if (execution.status === "SUCCEEDED") {
    return `${head}\n${options.colors.bold("Result:")}\n${indent(prettyPayload(execution.result))}`;
  }
  if (execution.status === "RUNNING") return head;
  const error = execution.error;
  const lines = [
    head,
    `${options.colors.bold("Error:")} ${error === undefined ? "(no error recorded)" : describeError(error)}`,
  ];
  if (error?.ErrorData !== undefined && error.ErrorData !== "")
    lines.push(indent(`data: ${error.ErrorData}`));
  for (const frame of error?.StackTrace?.slice(0, 8) ?? [])
    lines.push(options.colors.dim(indent(frame.trim())));
  return lines.join("\n");
}

/** "TypeError: message", or whichever half exists. */
export function describeError(error: ErrorObject): string {
  const type = error.ErrorType ?? "";
  const message = error.ErrorMessage ?? "";
  if (type !== "" && message !== "") return `${type}: ${message}`;
  return type !== "" ? type : message !== "" ? message : "(empty error)";
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
