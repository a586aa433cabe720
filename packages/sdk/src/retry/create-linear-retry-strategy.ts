import { durationToSeconds } from "../context/duration.ts";
import { type RandomSource, systemRandom } from "../internal/random.ts";
import { JitterStrategy } from "./jitter-strategy.ts";
import type { LinearRetryStrategyConfig, RetryStrategy } from "./retry-decision.ts";
import { isRetryableError, jitteredDelaySeconds } from "./retry-delay.ts";

/**
 * Linear backoff: defaults 6 attempts, 1 s initial delay plus 1 s per attempt, capped at 5 min,
 * full jitter (spec/sdk-api.md §6.3).
 */
export function createLinearRetryStrategy(config: LinearRetryStrategyConfig = {}): RetryStrategy {
  return buildLinearRetryStrategy(config, systemRandom);
}

/** {@link createLinearRetryStrategy} with the random source given (tests fix it). */
export function buildLinearRetryStrategy(
  config: LinearRetryStrategyConfig,
  random: RandomSource,
): RetryStrategy {
  const maxAttempts = config.maxAttempts ?? 6;
  const initialSeconds = durationToSeconds(config.initialDelay ?? { seconds: 1 });
  const incrementSeconds = durationToSeconds(config.increment ?? { seconds: 1 });
  const maxSeconds = durationToSeconds(config.maxDelay ?? { minutes: 5 });
  const jitter = config.jitter ?? JitterStrategy.FULL;
  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts || !isRetryableError(config, error))
      return { shouldRetry: false };
    const base = Math.min(initialSeconds + incrementSeconds * (attemptsMade - 1), maxSeconds);
    return { shouldRetry: true, delay: { seconds: jitteredDelaySeconds(base, jitter, random) } };
  };
}
