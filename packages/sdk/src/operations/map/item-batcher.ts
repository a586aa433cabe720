import type { DurableContext } from "../../context/durable-context.ts";
import type { DurableLogger } from "../../logging/durable-logger.ts";
import type { Serdes } from "../../serdes/serdes.ts";

/**
 * Item batching for `context.map` (a Durably extension; the official JS SDK has no equivalent).
 *
 * Without it every item runs in a child context of its own, so a map over 10,000 tiny items
 * records 10,000 contexts. With `itemBatcher` set in {@link MapConfig}, consecutive items are
 * grouped into batches and the map function is called once per batch, in one child context per
 * batch: one START and one SUCCEED/FAIL checkpoint for the whole batch.
 *
 * - A batch closes when it holds `maxItemsPerBatch` items, or when the next item would take it
 *   over `maxBytesPerBatch` (each item counted as the UTF-8 length of its JSON text; `undefined`
 *   counts 0). An item larger than `maxBytesPerBatch` on its own gets a batch of its own.
 * - The function gets a {@link MapItemBatch} and must resolve with one result per item, in batch
 *   order. If it throws (or returns another number of results), every item of the batch is
 *   reported FAILED with that error.
 * - `maxConcurrency` limits batches in flight. The `BatchResult` still has one entry per input
 *   item, by input index, and the completion config counts items, judged after each batch.
 * - Batch contexts are `MapIteration` contexts named `map-batch-<batchIndex>`; `itemNamer` names
 *   single items and cannot be combined with `itemBatcher`. `itemSerdes` still serialises each
 *   item's result; a batch stores the JSON array of those strings.
 * - Batching depends only on the items and the config, so replay sees the same batches; change
 *   neither while executions are in flight.
 *
 * ```ts
 * const result = await context.map("score", rows, async (ctx, batch) =>
 *   ctx.step(() => scoreMany(batch.items)),
 *   { itemBatcher: { maxItemsPerBatch: 500, maxBytesPerBatch: 200_000 }, maxConcurrency: 4 },
 * );
 * result.getResults(); // one score per row, in row order
 * ```
 */
export interface ItemBatcher {
  /** Most items per batch: an integer ≥ 1. */
  maxItemsPerBatch: number;
  /** Most bytes of item JSON per batch: an integer ≥ 1; default no byte limit. */
  maxBytesPerBatch?: number | undefined;
}

/** The items one call of a batched map function handles. */
export interface MapItemBatch<I> {
  /** The items of this batch, consecutive in the input, in input order. */
  readonly items: I[];
  /** `indexes[k]` is the input index of `items[k]`. */
  readonly indexes: number[];
  /** Position of this batch among the map's batches, from 0. */
  readonly batchIndex: number;
}

/** Processes one batch of items in its own child context; resolves with one result per item, in order. */
export type MapBatchFunc<I, O, L extends DurableLogger = DurableLogger> = (
  context: DurableContext<L>,
  batch: MapItemBatch<I>,
  array: I[],
) => Promise<O[]>;

/** Why an item batcher (with the rest of the map config) cannot be used; undefined when it can. */
export function validateItemBatcher(batcher: unknown, hasItemNamer: boolean): string | undefined {
  if (typeof batcher !== "object" || batcher === null) {
    return `itemBatcher must be an object like { maxItemsPerBatch: 100 }; got ${describe(batcher)}.`;
  }
  const { maxItemsPerBatch, maxBytesPerBatch } = batcher as Partial<ItemBatcher>;
  if (!isPositiveInteger(maxItemsPerBatch)) {
    return `itemBatcher.maxItemsPerBatch must be an integer of at least 1; got ${describe(maxItemsPerBatch)}.`;
  }
  if (maxBytesPerBatch !== undefined && !isPositiveInteger(maxBytesPerBatch)) {
    return `itemBatcher.maxBytesPerBatch must be an integer of at least 1 when given; got ${describe(maxBytesPerBatch)}.`;
  }
  if (hasItemNamer) {
    return "itemNamer cannot be combined with itemBatcher: each context holds a batch, named map-batch-<batchIndex>; remove itemNamer.";
  }
  return undefined;
}

/**
 * Splits `items` into consecutive batches under the batcher's limits. Throws when a byte limit is
 * set and an item cannot be measured (its JSON cannot be produced).
 */
export function partitionItems<I>(items: readonly I[], batcher: ItemBatcher): MapItemBatch<I>[] {
  const batches: MapItemBatch<I>[] = [];
  let current: MapItemBatch<I> | undefined;
  let currentBytes = 0;
  for (const [index, item] of items.entries()) {
    const bytes = batcher.maxBytesPerBatch === undefined ? 0 : itemBytes(item, index);
    const fits =
      current !== undefined &&
      current.items.length < batcher.maxItemsPerBatch &&
      (batcher.maxBytesPerBatch === undefined || currentBytes + bytes <= batcher.maxBytesPerBatch);
    if (!fits || current === undefined) {
      current = { items: [], indexes: [], batchIndex: batches.length };
      batches.push(current);
      currentBytes = 0;
    }
    current.items.push(item);
    current.indexes.push(index);
    currentBytes += bytes;
  }
  return batches;
}

/**
 * The serdes of a batch context's result: each result through the item serdes, stored as the JSON
 * array of their strings (null for undefined), so `itemSerdes` keeps its meaning per item.
 */
export function itemBatchSerdes<R>(itemSerdes: Serdes<R>): Serdes<R[]> {
  return {
    async serialize(values, context) {
      if (values === undefined) return undefined;
      const parts = await Promise.all(values.map((value) => itemSerdes.serialize(value, context)));
      return JSON.stringify(parts.map((part) => part ?? null));
    },
    async deserialize(data, context) {
      if (data === undefined) return undefined;
      const parts = JSON.parse(data) as (string | null)[];
      return (await Promise.all(
        parts.map((part) => itemSerdes.deserialize(part ?? undefined, context)),
      )) as R[];
    },
  };
}

/** Checks what a batched map function resolved with; throws an error saying what is wrong. */
export function checkBatchResults<O>(results: unknown, batch: MapItemBatch<unknown>): O[] {
  const count = batch.items.length;
  const range = `items ${batch.indexes[0]}–${batch.indexes[count - 1]}`;
  if (!Array.isArray(results)) {
    throw new TypeError(
      `The map function must resolve with an array of ${count} results for batch ${batch.batchIndex} (${range}); got ${describe(results)}.`,
    );
  }
  if (results.length !== count) {
    throw new RangeError(
      `The map function returned ${results.length} results for batch ${batch.batchIndex} (${range}), which holds ${count} items; return one result per item, in batch order.`,
    );
  }
  return results as O[];
}

function itemBytes(item: unknown, index: number): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(item);
  } catch (error) {
    throw new TypeError(
      `itemBatcher.maxBytesPerBatch measures items by their JSON, but item ${index} cannot be converted to JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null)
    return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}
