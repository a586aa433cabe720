import { BatchItemStatus } from "./batch-item-status.ts";
import type { BatchResult } from "./batch-result.ts";
import type { CompletionReason } from "./completion-config.ts";

/** Which kind of batch a summary describes. */
export type BatchSummaryType = "MapResult" | "ParallelResult";

/** What is stored instead of a batch result larger than 256 KiB. */
export interface BatchSummary {
  type: BatchSummaryType;
  totalCount: number;
  successCount: number;
  failureCount: number;
  startedCount?: number;
  completionReason: CompletionReason;
  status: string;
  /** One character per input index: S succeeded, F failed, - otherwise. */
  itemStatuses: string;
  summary?: string;
}

/** The stored summary of a large batch result (spec/sdk-api.md §8.6). */
export function batchSummary<T>(
  type: BatchSummaryType,
  result: BatchResult<T>,
  inputSize: number,
  userSummary: ((result: BatchResult<T>) => string) | undefined,
): string {
  const statuses = Array.from({ length: inputSize }, () => "-");
  for (const item of result.all) {
    if (item.status === BatchItemStatus.SUCCEEDED) statuses[item.index] = "S";
    else if (item.status === BatchItemStatus.FAILED) statuses[item.index] = "F";
  }
  const summary: BatchSummary = {
    type,
    totalCount: result.totalCount,
    successCount: result.successCount,
    failureCount: result.failureCount,
    ...(type === "ParallelResult" ? { startedCount: result.startedCount } : {}),
    completionReason: result.completionReason,
    status: result.status,
    itemStatuses: statuses.join(""),
  };
  if (userSummary !== undefined) summary.summary = userSummary(result);
  return JSON.stringify(summary);
}

/** Reads a stored summary; undefined when the payload is not one. */
export function parseBatchSummary(payload: string | undefined): BatchSummary | undefined {
  if (payload === undefined || payload === "") return undefined;
  try {
    const parsed = JSON.parse(payload) as Partial<BatchSummary>;
    return typeof parsed.itemStatuses === "string" ? (parsed as BatchSummary) : undefined;
  } catch {
    return undefined;
  }
}
