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

/**
 * Several items run by one child context (map's itemBatcher): `run` resolves with one result per
 * index, in order, and its failure is the failure of every one of them.
 */
export interface BatchGroupSpec<R> {
  readonly name: string;
  /** The input indexes this context settles. */
  readonly indexes: readonly number[];
  readonly run: (context: DurableContext) => Promise<R[]>;
  /** Serdes of the group's result array. */
  readonly serdes: Serdes<R[]>;
}

/** What one child context of a batch runs: a single item, or a group of items. */
export type BatchUnitSpec<R> = BatchItemSpec<R> | BatchGroupSpec<R>;

/** The input indexes a unit settles: its group's, or just its own position. */
function indexesOf<R>(unit: BatchUnitSpec<R>, position: number): readonly number[] {
  return "indexes" in unit ? unit.indexes : [position];
}

/** The number of input items the units cover. */
export function countItems<R>(units: readonly BatchUnitSpec<R>[]): number {
  return units.reduce((count, unit, position) => count + indexesOf(unit, position).length, 0);
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
  items: readonly BatchUnitSpec<R>[],
  options: BatchOptions<R>,
): Promise<BatchResult<R>> {
  if (core.mode === ExecutionMode.ReplaySucceededContext)
    return rebuildBatch(core, createContext, items, options);
  const itemCount = countItems(items);
  const policy = new CompletionPolicy(options.completionConfig, itemCount);
  const results: BatchItem<R>[] = [];
  const statuses: CompletionItemStatus[] = [];
  for (const [position, unit] of items.entries()) {
    for (const index of indexesOf(unit, position)) statuses[index] = { index, name: unit.name };
  }
  if (itemCount === 0) return Promise.resolve(createBatchResult(results, "ALL_COMPLETED"));
  const limit = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
  let next = 0;
  let inFlight = 0;
  let successCount = 0;
  let failureCount = 0;
  let finished = false;
  return new Promise((resolve) => {
    const progress = () => ({ successCount, failureCount, items: statuses });
    const settle = (settled: readonly BatchItem<R>[]): void => {
      if (finished) return;
      inFlight--;
      for (const item of settled) {
        results[item.index] = item;
        (statuses[item.index] as CompletionItemStatus).status = item.status;
        if (item.status === BatchItemStatus.SUCCEEDED) successCount++;
        else failureCount++;
      }
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
        const position = next++;
        const unit = items[position] as BatchUnitSpec<R>;
        const indexes = indexesOf(unit, position);
        inFlight++;
        for (const index of indexes)
          (statuses[index] as CompletionItemStatus).status = BatchItemStatus.STARTED;
        runUnit(core, createContext, unit, options).then(
          (value) => settle(succeededItems(unit, indexes, value)),
          (error: unknown) => settle(failedItems(indexes, error)),
        );
      }
    };
    startMore();
  });
}

/** Starts (or replays) a unit's child context; a group resolves with its array of results. */
function runUnit<R>(
  core: ContextCore,
  createContext: ContextFactory,
  unit: BatchUnitSpec<R>,
  options: BatchOptions<R>,
): PromiseLike<R | R[]> {
  if ("indexes" in unit) {
    return runInChildContext(core, createContext, unit.name, unit.run, {
      subType: options.itemSubType,
      serdes: unit.serdes,
      virtualContext: options.virtualItems,
    });
  }
  return runInChildContext(core, createContext, unit.name, unit.run, {
    subType: options.itemSubType,
    serdes: options.itemSerdes,
    virtualContext: options.virtualItems,
  });
}

/** The items a unit's result settles as SUCCEEDED. */
function succeededItems<R>(
  unit: BatchUnitSpec<R>,
  indexes: readonly number[],
  value: R | R[],
): BatchItem<R>[] {
  const results = "indexes" in unit ? (value as R[]) : [value as R];
  return indexes.map((index, k) => ({
    result: results[k],
    index,
    status: BatchItemStatus.SUCCEEDED,
  }));
}

/** The items a unit's failure settles as FAILED: all of them share the unit's error. */
function failedItems<R>(indexes: readonly number[], error: unknown): BatchItem<R>[] {
  return indexes.map((index) => ({
    error: error as ChildContextError,
    index,
    status: BatchItemStatus.FAILED,
  }));
}

/**
 * Rebuilds a large batch result from the item records (spec/sdk-api.md §8.3): items recorded as
 * finished (and marked S/F in the stored summary) replay; the others only use up their slot.
 */
async function rebuildBatch<R>(
  core: ContextCore,
  createContext: ContextFactory,
  items: readonly BatchUnitSpec<R>[],
  options: BatchOptions<R>,
): Promise<BatchResult<R>> {
  const batchRecord =
    core.operationId === undefined ? undefined : core.runtime.state.get(core.operationId);
  const summary = parseBatchSummary(batchRecord?.ContextDetails?.Result);
  const results: BatchItem<R>[] = [];
  let successCount = 0;
  let failureCount = 0;
  for (const [position, unit] of items.entries()) {
    const indexes = indexesOf(unit, position);
    const record = core.runtime.state.get(hashOperationId(`${core.contextId}-${position + 1}`));
    // A group settles all its items at once, so its first item's mark speaks for it.
    const mark = summary?.itemStatuses[indexes[0] ?? position];
    const marked = mark === "S" || mark === "F";
    // Virtual (FLAT) items have no record of their own: the summary says which finished.
    const replayable = options.virtualItems
      ? marked
      : isCompletedStatus(record?.Status) && (summary === undefined || marked);
    const pending = runUnit(core, createContext, unit, options);
    if (!replayable) continue;
    try {
      const settled = succeededItems(unit, indexes, await pending);
      results.push(...settled);
      successCount += settled.length;
    } catch (error) {
      const settled = failedItems<R>(indexes, error);
      results.push(...settled);
      failureCount += settled.length;
    }
  }
  const reason =
    summary?.completionReason ??
    new CompletionPolicy(options.completionConfig, countItems(items)).reason({
      successCount,
      failureCount,
      items: [],
    });
  return createBatchResult(results, reason);
}
