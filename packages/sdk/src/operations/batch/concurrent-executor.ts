import type { DurableContext } from "../../context/durable-context.ts";
import type { DurableLogger } from "../../logging/durable-logger.ts";

/** One unit of a map/parallel batch with what identifies it on replay. */
export interface ConcurrentExecutionItem<T> {
  /** Stable identifier of the item. */
  id: string;
  /** The item itself. */
  data: T;
  /** Position in the original list. */
  index: number;
  /** Name of the item's child context, when it has one. */
  name?: string | undefined;
}

/** Runs one {@link ConcurrentExecutionItem} in its own child context. */
export type ConcurrentExecutor<TItem, TResult, L extends DurableLogger = DurableLogger> = (
  item: ConcurrentExecutionItem<TItem>,
  childContext: DurableContext<L>,
) => Promise<TResult>;
