import type { DurableContext } from "../context/durable-context.ts";
import type { DurableLogger } from "../logging/durable-logger.ts";
import type { DurableInstrumentationPlugin } from "../plugins/durable-instrumentation-plugin.ts";
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "../protocol/wire.ts";
import type { LambdaContext } from "./lambda-context.ts";

/** A durable handler: ordinary async code that receives the input and a durable context. */
export type DurableExecutionHandler<
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
> = (event: TEvent, context: DurableContext<TLogger>) => Promise<TResult>;

/** The Lambda handler `withDurableExecution` returns. */
export type DurableLambdaHandler = (
  event: DurableExecutionInvocationInput,
  context: LambdaContext,
) => Promise<DurableExecutionInvocationOutput>;

/** Options of `withDurableExecution` (spec/sdk-api.md §2). */
export interface DurableExecutionConfig {
  /** @deprecated An `@aws-sdk/client-lambda` LambdaClient for the default transport. */
  client?: unknown;
  /** Replaces the transport entirely. Not together with `client`. */
  durableExecutionClient?: DurableExecutionClient | undefined;
  /** Experimental instrumentation plugins; what their hooks throw is swallowed. */
  plugins?: readonly DurableInstrumentationPlugin[] | undefined;
  /**
   * Experimental plugin settings. `childOperationsDepth` (a non-negative integer or Infinity)
   * keeps the children of child contexts down to that depth visible to later invocations.
   */
  pluginsConfig?: { childOperationsDepth?: number | undefined } | undefined;
}
