import type { DurableContext } from "../../context/durable-context.ts";
import type { DurableOperationError } from "../../errors/durable-operation-error.ts";
import type { DurableLogger } from "../../logging/durable-logger.ts";
import type { Serdes } from "../../serdes/serdes.ts";

/** The code of a child context. */
export type ChildFunc<T, L extends DurableLogger = DurableLogger> = (
  context: DurableContext<L>,
) => Promise<T>;

/** Options of `context.runInChildContext`. */
export interface ChildConfig<T> {
  /** Default: the context's serdes. */
  serdes?: Serdes<T> | undefined;
  /** Recorded `SubType`; default "RunInChildContext". */
  subType?: string | undefined;
  /** Payload stored instead of a result larger than 256 KiB. */
  summaryGenerator?: ((result: T) => string) | undefined;
  /** Replaces the ChildContextError thrown when the child fails. */
  errorMapper?: ((error: DurableOperationError) => DurableOperationError) | undefined;
  /** No CONTEXT record; the child's operations hang under this context's parent. */
  virtualContext?: boolean | undefined;
}
