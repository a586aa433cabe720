/**
 * The caller-facing view of an execution row.
 */
import type { ExecutionRecord } from "@durably/store";
import type { ExecutionSummary } from "../api/engine-api.ts";

/** The summary of `row` (no bookkeeping fields). */
export function toSummary(row: ExecutionRecord): ExecutionSummary {
  const summary: ExecutionSummary = {
    executionId: row.executionId,
    name: row.name,
    functionName: row.functionName,
    status: row.status,
    startedAt: row.startedAt,
  };
  if (row.input !== undefined) summary.input = row.input;
  if (row.result !== undefined) summary.result = row.result;
  if (row.error !== undefined) summary.error = row.error;
  if (row.endedAt !== undefined) summary.endedAt = row.endedAt;
  if (row.timeoutSeconds !== undefined) summary.timeoutSeconds = row.timeoutSeconds;
  return summary;
}
