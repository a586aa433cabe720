import { createLinearRetryStrategy } from "./create-linear-retry-strategy.ts";
import { createRetryStrategy } from "./create-retry-strategy.ts";
import { JitterStrategy } from "./jitter-strategy.ts";
import type { RetryStrategy } from "./retry-decision.ts";

/** Ready-made retry strategies (spec/sdk-api.md §6.4). */
export const retryPresets: {
  /** 6 attempts, 5 s doubling to at most 60 s, full jitter: what a step uses by default. */
  readonly default: RetryStrategy;
  /** 6 attempts, 1 s, 2 s, 3 s, 4 s, 5 s, no jitter. */
  readonly linear: RetryStrategy;
  /** Never retries. */
  readonly noRetry: RetryStrategy;
} = {
  default: createRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 5 },
    maxDelay: { seconds: 60 },
    backoffRate: 2,
    jitter: JitterStrategy.FULL,
  }),
  linear: createLinearRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 1 },
    increment: { seconds: 1 },
    jitter: JitterStrategy.NONE,
  }),
  noRetry: createRetryStrategy({ maxAttempts: 1 }),
};
