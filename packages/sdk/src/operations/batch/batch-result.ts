import {
  BatchCompletionError,
  type ChildContextError,
} from "../../errors/durable-operation-error.ts";
import { BatchItemStatus } from "./batch-item-status.ts";
import type { CompletionReason } from "./completion-config.ts";

/** One started item of a map/parallel. */
export interface BatchItem<T> {
  result?: T | undefined;
  error?: ChildContextError | undefined;
  index: number;
  status: BatchItemStatus;
}

/** What map and parallel resolve with; item failures are in here, never thrown. */
export interface BatchResult<T> {
  /** Started items, by index. */
  all: BatchItem<T>[];
  completionReason: CompletionReason;
  status: typeof BatchItemStatus.SUCCEEDED | typeof BatchItemStatus.FAILED;
  hasFailure: boolean;
  successCount: number;
  failureCount: number;
  startedCount: number;
  /** The number of started items (not the input size). */
  totalCount: number;
  succeeded(): (BatchItem<T> & { result: T })[];
  failed(): (BatchItem<T> & { error: ChildContextError })[];
  started(): (BatchItem<T> & { status: typeof BatchItemStatus.STARTED })[];
  getResults(): T[];
  getErrors(): ChildContextError[];
  /** Throws the first failed item's error; else, when completed as failed, a BatchCompletionError. */
  throwIfError(): void;
}

/** A {@link BatchResult} over items and a completion reason; JSON is `{all, completionReason}`. */
export function createBatchResult<T>(
  items: BatchItem<T>[],
  completionReason: CompletionReason,
): BatchResult<T> {
  const all = [...items].sort((a, b) => a.index - b.index);
  const count = (status: BatchItemStatus) => all.filter((item) => item.status === status).length;
  const failureCount = count(BatchItemStatus.FAILED);
  let status: BatchResult<T>["status"] =
    failureCount > 0 ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
  if (completionReason === "CUSTOM_COMPLETION_FAILED") status = BatchItemStatus.FAILED;
  if (completionReason === "CUSTOM_COMPLETION_SUCCEEDED") status = BatchItemStatus.SUCCEEDED;
  const succeeded = () =>
    all.filter(
      (item) => item.status === BatchItemStatus.SUCCEEDED && item.result !== undefined,
    ) as (BatchItem<T> & {
      result: T;
    })[];
  const failed = () =>
    all.filter((item) => item.status === BatchItemStatus.FAILED) as (BatchItem<T> & {
      error: ChildContextError;
    })[];
  const result: BatchResult<T> & { toJSON(): unknown } = {
    all,
    completionReason,
    status,
    hasFailure: failureCount > 0,
    successCount: count(BatchItemStatus.SUCCEEDED),
    failureCount,
    startedCount: count(BatchItemStatus.STARTED),
    totalCount: all.length,
    succeeded,
    failed,
    started: () =>
      all.filter((item) => item.status === BatchItemStatus.STARTED) as (BatchItem<T> & {
        status: typeof BatchItemStatus.STARTED;
      })[],
    getResults: () => succeeded().map((item) => item.result),
    getErrors: () => failed().map((item) => item.error),
    throwIfError() {
      const firstFailure = failed()[0];
      if (firstFailure !== undefined) throw firstFailure.error;
      if (status === BatchItemStatus.FAILED) throw new BatchCompletionError(completionReason);
    },
    toJSON: () => ({ all, completionReason }),
  };
  return result;
}
