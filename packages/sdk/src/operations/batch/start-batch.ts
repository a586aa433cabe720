import type { ContextCore } from "../../context/context-core.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import { NEVER } from "../../internal/never.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import { OperationType } from "../../protocol/wire.ts";
import { TerminationReason } from "../../replay/termination.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import { type ContextFactory, runChildContext } from "../child/run-in-child-context.ts";
import type { BatchResult } from "./batch-result.ts";
import { batchResultSerdes } from "./batch-serdes.ts";
import { batchSummary, type BatchSummaryType } from "./batch-summary.ts";
import type { ConcurrencyConfig } from "./completion-config.ts";
import { CompletionPolicy } from "./completion-policy.ts";
import { NestingType } from "./nesting-type.ts";
import { type BatchUnitSpec, countItems, runBatch } from "./run-batch.ts";

/** Options common to map and parallel. */
export interface BatchConfig<R> extends ConcurrencyConfig {
  serdes?: Serdes<BatchResult<R>> | undefined;
  itemSerdes?: Serdes<R> | undefined;
  summaryGenerator?: ((result: BatchResult<R>) => string) | undefined;
  nesting?: NestingType | undefined;
}

/** What distinguishes map from parallel. */
export interface BatchKind {
  readonly method: string;
  readonly subType: string;
  readonly itemSubType: string;
  readonly summaryType: BatchSummaryType;
}

/**
 * Starts a map/parallel: validates the config (a violation fails the execution), then one CONTEXT
 * operation whose child context runs the items.
 */
export function startBatch<R>(
  core: ContextCore,
  createContext: ContextFactory,
  kind: BatchKind,
  name: string | undefined,
  items: readonly BatchUnitSpec<R>[],
  config: BatchConfig<R> | undefined,
): DurablePromise<BatchResult<R>> {
  const configError = validateBatchConfig(config);
  if (configError !== undefined) {
    core.runtime.terminate(TerminationReason.CONFIG_VALIDATION_ERROR, new Error(configError));
    return new DurablePromise(() => NEVER);
  }
  const serdes = (config?.serdes ?? batchResultSerdes) as Serdes<BatchResult<R>>;
  return core.start(
    kind.method,
    { type: OperationType.CONTEXT, subType: kind.subType, name },
    (operation) =>
      runChildContext(
        operation,
        createContext,
        (_context, batchCore) =>
          runBatch(batchCore, createContext, items, {
            itemSubType: kind.itemSubType,
            itemSerdes: config?.itemSerdes,
            maxConcurrency: config?.maxConcurrency,
            completionConfig: config?.completionConfig,
            virtualItems: config?.nesting === NestingType.FLAT,
          }),
        {
          serdes,
          summaryGenerator: (result) =>
            batchSummary(kind.summaryType, result, countItems(items), config?.summaryGenerator),
        },
      ),
  );
}

function validateBatchConfig<R>(config: BatchConfig<R> | undefined): string | undefined {
  const maxConcurrency = config?.maxConcurrency;
  if (maxConcurrency !== undefined && !(maxConcurrency > 0)) {
    return `maxConcurrency must be greater than 0; got ${maxConcurrency}.`;
  }
  return CompletionPolicy.validate(config?.completionConfig);
}

/** The SubTypes of map. */
export const MAP_KIND: BatchKind = {
  method: "map",
  subType: OperationSubType.MAP,
  itemSubType: OperationSubType.MAP_ITERATION,
  summaryType: "MapResult",
};

/** The SubTypes of parallel. */
export const PARALLEL_KIND: BatchKind = {
  method: "parallel",
  subType: OperationSubType.PARALLEL,
  itemSubType: OperationSubType.PARALLEL_BRANCH,
  summaryType: "ParallelResult",
};
