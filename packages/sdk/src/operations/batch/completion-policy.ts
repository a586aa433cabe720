import { BatchItemStatus } from "./batch-item-status.ts";
import type {
  CompletionConfig,
  CompletionItemStatus,
  CompletionReason,
  CustomCompletionConfig,
  ThresholdCompletionConfig,
} from "./completion-config.ts";
import { CompletionOutcome, type CompletionDecision } from "./completion-decision.ts";

/** Item counts a policy decides on. */
export interface BatchProgress {
  readonly successCount: number;
  readonly failureCount: number;
  readonly items: readonly CompletionItemStatus[];
}

/** The message of a mixed custom/threshold completion config. */
export const MIXED_COMPLETION_CONFIG_MESSAGE: string =
  "completionConfig.shouldComplete is mutually exclusive with minSuccessful, toleratedFailureCount, and toleratedFailurePercentage";

/**
 * The completion rules of a batch (spec/sdk-api.md §8.2): whether it is complete, whether more
 * items may start, and why it completed.
 */
export class CompletionPolicy {
  readonly #custom: CustomCompletionConfig["shouldComplete"] | undefined;
  readonly #thresholds: ThresholdCompletionConfig;
  readonly #hasCriteria: boolean;
  readonly #total: number;
  #decision: CompletionDecision | undefined;

  constructor(config: CompletionConfig | undefined, total: number) {
    this.#custom = config?.shouldComplete;
    this.#thresholds = (config ?? {}) as ThresholdCompletionConfig;
    const { minSuccessful, toleratedFailureCount, toleratedFailurePercentage } = this.#thresholds;
    this.#hasCriteria =
      minSuccessful !== undefined ||
      toleratedFailureCount !== undefined ||
      toleratedFailurePercentage !== undefined;
    this.#total = total;
  }

  /** A configuration error message, if the config mixes custom and threshold completion. */
  static validate(config: CompletionConfig | undefined): string | undefined {
    if (config?.shouldComplete === undefined) return undefined;
    const { minSuccessful, toleratedFailureCount, toleratedFailurePercentage } =
      config as unknown as ThresholdCompletionConfig;
    const mixed =
      minSuccessful !== undefined ||
      toleratedFailureCount !== undefined ||
      toleratedFailurePercentage !== undefined;
    return mixed ? MIXED_COMPLETION_CONFIG_MESSAGE : undefined;
  }

  /** After an item settled: true when the batch resolves now. */
  shouldStop(progress: BatchProgress): boolean {
    if (this.#custom !== undefined) {
      this.#decision = this.#custom({
        successCount: progress.successCount,
        failureCount: progress.failureCount,
        completedCount: progress.successCount + progress.failureCount,
        totalCount: this.#total,
        items: progress.items,
      });
      return this.#allFinished(progress) || this.#decision.complete;
    }
    return this.#isComplete(progress) || !this.#thresholdsAllowMore(progress);
  }

  /** Why the batch completed, judged at its end. */
  reason(progress: BatchProgress): CompletionReason {
    if (this.#custom !== undefined) {
      if (this.#decision?.complete !== true) return "ALL_COMPLETED";
      return this.#decision.outcome === CompletionOutcome.FAILED
        ? "CUSTOM_COMPLETION_FAILED"
        : "CUSTOM_COMPLETION_SUCCEEDED";
    }
    if (!this.#thresholdsAllowMore(progress)) return "FAILURE_TOLERANCE_EXCEEDED";
    if (this.#allFinished(progress)) return "ALL_COMPLETED";
    const { minSuccessful } = this.#thresholds;
    if (minSuccessful !== undefined && progress.successCount >= minSuccessful)
      return "MIN_SUCCESSFUL_REACHED";
    return "ALL_COMPLETED";
  }

  #isComplete(progress: BatchProgress): boolean {
    const { minSuccessful } = this.#thresholds;
    return (
      this.#allFinished(progress) ||
      (minSuccessful !== undefined && progress.successCount >= minSuccessful)
    );
  }

  /** Without criteria the first failure stops the batch; minSuccessful alone tolerates any. */
  #thresholdsAllowMore(progress: BatchProgress): boolean {
    if (!this.#hasCriteria) return progress.failureCount === 0;
    const { toleratedFailureCount, toleratedFailurePercentage } = this.#thresholds;
    if (toleratedFailureCount !== undefined && progress.failureCount > toleratedFailureCount)
      return false;
    if (
      toleratedFailurePercentage !== undefined &&
      this.#total > 0 &&
      (progress.failureCount / this.#total) * 100 > toleratedFailurePercentage
    ) {
      return false;
    }
    return true;
  }

  #allFinished(progress: BatchProgress): boolean {
    return progress.successCount + progress.failureCount >= this.#total;
  }
}

/** True for a settled item status. */
export function isSettledItem(status: BatchItemStatus | undefined): boolean {
  return status === BatchItemStatus.SUCCEEDED || status === BatchItemStatus.FAILED;
}
