import type { DurableContextLogger, DurableLogger } from "../../logging/durable-logger.ts";
import type { RetryDecision } from "../../retry/retry-decision.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import type { StepSemantics } from "./step-semantics.ts";

/** What a step body receives. */
export interface StepContext<L extends DurableLogger = DurableLogger> {
  /** The durable logger (not mode-filtered: bodies only run live). */
  logger: DurableContextLogger<L>;
  /** 1-based attempt number. */
  attempt: number;
}

/** A step body. */
export type StepFunc<T, L extends DurableLogger = DurableLogger> = (
  context: StepContext<L>,
) => Promise<T>;

/** Options of `context.step`. */
export interface StepConfig<T> {
  /** Default `retryPresets.default`. */
  retryStrategy?: ((error: Error, attemptCount: number) => RetryDecision) | undefined;
  /** Default `StepSemantics.AtLeastOncePerRetry`. */
  semantics?: StepSemantics | undefined;
  /** Default: the context's serdes (JSON). */
  serdes?: Serdes<T> | undefined;
}
