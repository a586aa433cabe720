import type { ContextCore } from "../../context/context-core.ts";
import type { DurableContext } from "../../context/durable-context.ts";
import type { ChildContextError } from "../../errors/durable-operation-error.ts";
import { ExecutionMode } from "../../replay/execution-mode.ts";
import { isCompletedStatus } from "../../replay/execution-state.ts";
import { hashOperationId } from "../../replay/operation-id.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import { type ContextFactory, runInChildContext } from "../child/run-in-child-context.ts";
import { BatchItemStatus } from "./batch-item-status.ts";
import { type BatchItem, type BatchResult, createBatchResult } from "./batch-result.ts";
import { parseBatchSummary } from "./batch-summary.ts";
import type { CompletionConfig, CompletionItemStatus } from "./completion-config.ts";
import { CompletionPolicy } from "./completion-policy.ts";

/** One item of a batch: its context name and code. */
export interface BatchItemSpec<R> {
  readonly name: string;
  readonly run: (context: DurableContext) => Promise<R>;
}

/** How the items of a batch run. */
export interface BatchOptions<R> {
  readonly itemSubType: string;
  readonly itemSerdes: Serdes<R> | undefined;
  readonly maxConcurrency: number | undefined;
  readonly completionConfig: CompletionConfig | undefined;
  /** FLAT nesting: items are virtual contexts. */
  readonly virtualItems: boolean;
}

/**
 * Runs the items of a map/parallel inside the batch's context (spec/sdk-api.md §8.2): started in
 * index order as child contexts, at most `maxConcurrency` at a time, until the completion policy
 * says stop. Items still running then are reported STARTED; unstarted ones are left out.
 */
export function runBatch<R>(
  core: ContextCore,
  createContext: ContextFactory,
  items: readonly BatchItemSpec<R>[],
  options: BatchOptions<R>,
): Promise<BatchResult<R>> {
  if (core.mode === ExecutionMode.ReplaySucceededContext)
    return rebuildBatch(core, createContext, items, options);
  const policy = new CompletionPolicy(options.completionConfig, items.length);
  const results: BatchItem<R>[] = [];
  const statuses: CompletionItemStatus[] = items.map((item, index) => ({ index, name: item.name }));
  if (items.length === 0) return Promise.resolve(createBatchResult(results, "ALL_COMPLETED"));
  const limit = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
  let next = 0;
  let inFlight = 0;
  let successCount = 0;
  let failureCount = 0;
  let finished = false;
  return new Promise((resolve) => {
    const progress = () => ({ successCount, failureCount, items: statuses });
    const settle = (index: number, item: BatchItem<R>): void => {
      if (finished) return;
      inFlight--;
      results[index] = item;
      (statuses[index] as CompletionItemStatus).status = item.status;
      if (item.status === BatchItemStatus.SUCCEEDED) successCount++;
      else failureCount++;
      if (policy.shouldStop(progress())) {
        finished = true;
        const all = statuses
          .filter((status) => status.status !== undefined)
          .map(
            (status) =>
              results[status.index] ?? { index: status.index, status: BatchItemStatus.STARTED },
          );
        resolve(createBatchResult(all, policy.reason(progress())));
        return;
      }
      startMore();
    };
    const startMore = (): void => {
      while (!finished && next < items.length && inFlight < limit) {
        const index = next++;
        inFlight++;
        (statuses[index] as CompletionItemStatus).status = BatchItemStatus.STARTED;
        runItem(core, createContext, items[index] as BatchItemSpec<R>, options).then(
          (result) => settle(index, { result, index, status: BatchItemStatus.SUCCEEDED }),
          (error: unknown) =>
            settle(index, {
              error: error as ChildContextError,
              index,
              status: BatchItemStatus.FAILED,
            }),
        );
      }
    };
    startMore();
  });
}

function runItem<R>(
  core: ContextCore,
  createContext: ContextFactory,
  item: BatchItemSpec<R>,
  options: BatchOptions<R>,
): PromiseLike<R> {
  return runInChildContext(core, createContext, item.name, item.run, {
    subType: options.itemSubType,
    serdes: options.itemSerdes,
    virtualContext: options.virtualItems,
  });
}

/**
 * Rebuilds a large batch result from the item records (spec/sdk-api.md §8.3): items recorded as
 * finished (and marked S/F in the stored summary) replay; the others only use up their slot.
 */
async function rebuildBatch<R>(
  core: ContextCore,
  createContext: ContextFactory,
  items: readonly BatchItemSpec<R>[],
  options: BatchOptions<R>,
): Promise<BatchResult<R>> {
  const batchRecord =
    core.operationId === undefined ? undefined : core.runtime.state.get(core.operationId);
  const summary = parseBatchSummary(batchRecord?.ContextDetails?.Result);
  const results: BatchItem<R>[] = [];
  let successCount = 0;
  let failureCount = 0;
  for (const [index, item] of items.entries()) {
    const record = core.runtime.state.get(hashOperationId(`${core.contextId}-${index + 1}`));
    const mark = summary?.itemStatuses[index];
    const marked = mark === "S" || mark === "F";
    // Virtual (FLAT) items have no record of their own: the summary says which finished.
    const replayable = options.virtualItems
      ? marked
      : isCompletedStatus(record?.Status) && (summary === undefined || marked);
    const pending = runItem(core, createContext, item, options);
    if (!replayable) continue;
    try {
      results.push({ result: await pending, index, status: BatchItemStatus.SUCCEEDED });
      successCount++;
    } catch (error) {
      results.push({ error: error as ChildContextError, index, status: BatchItemStatus.FAILED });
      failureCount++;
    }
  }
  const reason =
    summary?.completionReason ??
    new CompletionPolicy(options.completionConfig, items.length).reason({
      successCount,
      failureCount,
      items: [],
    });
  return createBatchResult(results, reason);
}
