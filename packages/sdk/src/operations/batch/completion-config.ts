import type { BatchItemStatus } from "./batch-item-status.ts";
import type { CompletionDecision } from "./completion-decision.ts";

/** Why a batch completed. */
export type CompletionReason =
  | "ALL_COMPLETED"
  | "MIN_SUCCESSFUL_REACHED"
  | "FAILURE_TOLERANCE_EXCEEDED"
  | "CUSTOM_COMPLETION_SUCCEEDED"
  | "CUSTOM_COMPLETION_FAILED";

/** One item as a custom `shouldComplete` sees it; no status means not started. */
export interface CompletionItemStatus {
  index: number;
  name?: string | undefined;
  status?: BatchItemStatus | undefined;
}

/** The progress a custom `shouldComplete` decides on. */
export interface CompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
  items: readonly CompletionItemStatus[];
}

/** Complete on thresholds. */
export interface ThresholdCompletionConfig {
  minSuccessful?: number | undefined;
  toleratedFailureCount?: number | undefined;
  /** 0–100. */
  toleratedFailurePercentage?: number | undefined;
  shouldComplete?: never;
}

/** Complete when a function says so. */
export interface CustomCompletionConfig {
  shouldComplete: (status: CompletionStatus) => CompletionDecision;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}

/** When a map/parallel completes (default: all items done, or the first failure). */
export type CompletionConfig = ThresholdCompletionConfig | CustomCompletionConfig;

/** Options shared by map and parallel. */
export interface ConcurrencyConfig {
  /** Items in flight at once; default unlimited. */
  maxConcurrency?: number | undefined;
  completionConfig?: CompletionConfig | undefined;
}
