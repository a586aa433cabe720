import type { ContextCore } from "../../context/context-core.ts";
import type { DurableContext } from "../../context/durable-context.ts";
import { NEVER } from "../../internal/never.ts";
import type { DurableLogger } from "../../logging/durable-logger.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import { TerminationReason } from "../../replay/termination.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import type { ContextFactory } from "../child/run-in-child-context.ts";
import type { BatchResult } from "../batch/batch-result.ts";
import type { BatchGroupSpec } from "../batch/run-batch.ts";
import { type BatchConfig, MAP_KIND, startBatch } from "../batch/start-batch.ts";
import {
  checkBatchResults,
  type ItemBatcher,
  itemBatchSerdes,
  type MapBatchFunc,
  type MapItemBatch,
  partitionItems,
  validateItemBatcher,
} from "./item-batcher.ts";

/** Processes one item in its own child context. */
export type MapFunc<I, O, L extends DurableLogger = DurableLogger> = (
  context: DurableContext<L>,
  item: I,
  index: number,
  array: I[],
) => Promise<O>;

/** Options of `context.map`. */
export interface MapConfig<I, R> extends BatchConfig<R> {
  /** Name of each item's context; default `map-item-<index>`. */
  itemNamer?: ((item: I, index: number) => string) | undefined;
  /**
   * Durably extension: hand the map function batches of consecutive items, one child context
   * (one checkpoint) per batch; the function is then a {@link MapBatchFunc}. See {@link ItemBatcher}.
   */
  itemBatcher?: ItemBatcher | undefined;
}

/**
 * `context.map(name?, items, fn, config?)` (spec/sdk-api.md §7.8): one `Map` context whose items
 * run as `MapIteration` child contexts; resolves with a BatchResult, never throws for item failures.
 */
export function map<I, O>(
  core: ContextCore,
  createContext: ContextFactory,
  args: readonly unknown[],
): DurablePromise<BatchResult<O>> {
  const named = typeof args[0] === "string" || args[0] === undefined;
  const name = named ? (args[0] as string | undefined) : undefined;
  const items = (named ? args[1] : args[0]) as I[];
  const fn = (named ? args[2] : args[1]) as MapFunc<I, O>;
  const config = (named ? args[3] : args[2]) as MapConfig<I, O> | undefined;
  if (!Array.isArray(items)) return rejected(new Error("Map operation requires an array of items"));
  if (typeof fn !== "function")
    return rejected(new Error("Map operation requires a function to process items"));
  if (config?.itemBatcher !== undefined)
    return mapInBatches(
      core,
      createContext,
      name,
      items,
      fn as unknown as MapBatchFunc<I, O>,
      config,
    );
  const specs = items.map((item, index) => ({
    name: config?.itemNamer?.(item, index) ?? `map-item-${index}`,
    run: (context: DurableContext) => fn(context, item, index, items),
  }));
  return startBatch(core, createContext, MAP_KIND, name, specs, config);
}

/** map with `itemBatcher`: one MapIteration context per batch, results spread back per item. */
function mapInBatches<I, O>(
  core: ContextCore,
  createContext: ContextFactory,
  name: string | undefined,
  items: I[],
  fn: MapBatchFunc<I, O>,
  config: MapConfig<I, O>,
): DurablePromise<BatchResult<O>> {
  const configError = validateItemBatcher(config.itemBatcher, config.itemNamer !== undefined);
  if (configError !== undefined) {
    core.runtime.terminate(TerminationReason.CONFIG_VALIDATION_ERROR, new Error(configError));
    return new DurablePromise(() => NEVER);
  }
  let batches: MapItemBatch<I>[];
  try {
    batches = partitionItems(items, config.itemBatcher as ItemBatcher);
  } catch (error) {
    return rejected(error as Error);
  }
  const serdes = itemBatchSerdes((config.itemSerdes ?? core.serdes) as Serdes<O>);
  const specs = batches.map((batch): BatchGroupSpec<O> => ({
    name: `map-batch-${batch.batchIndex}`,
    indexes: batch.indexes,
    run: async (context) => checkBatchResults<O>(await fn(context, batch, items), batch),
    serdes,
  }));
  return startBatch(core, createContext, MAP_KIND, name, specs, config);
}

function rejected<T>(error: Error): DurablePromise<T> {
  return new DurablePromise<T>(() => Promise.reject(error));
}
