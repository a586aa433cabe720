import { durationToSeconds } from "../context/duration.ts";
import { type RandomSource, systemRandom } from "../internal/random.ts";
import { JitterStrategy } from "./jitter-strategy.ts";
import type { RetryStrategy, RetryStrategyConfig } from "./retry-decision.ts";
import { isRetryableError, jitteredDelaySeconds } from "./retry-delay.ts";

/**
 * Exponential backoff: defaults 3 attempts, 5 s initial delay, ×2, capped at 5 min, full jitter,
 * every error retryable (spec/sdk-api.md §6.2).
 */
export function createRetryStrategy(config: RetryStrategyConfig = {}): RetryStrategy {
  return buildExponentialRetryStrategy(config, systemRandom);
}

/** {@link createRetryStrategy} with the random source given (tests fix it). */
export function buildExponentialRetryStrategy(
  config: RetryStrategyConfig,
  random: RandomSource,
): RetryStrategy {
  const maxAttempts = config.maxAttempts ?? 3;
  const initialSeconds = durationToSeconds(config.initialDelay ?? { seconds: 5 });
  const maxSeconds = durationToSeconds(config.maxDelay ?? { minutes: 5 });
  const backoffRate = config.backoffRate ?? 2;
  const jitter = config.jitter ?? JitterStrategy.FULL;
  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts || !isRetryableError(config, error))
      return { shouldRetry: false };
    const base = Math.min(initialSeconds * backoffRate ** (attemptsMade - 1), maxSeconds);
    return { shouldRetry: true, delay: { seconds: jitteredDelaySeconds(base, jitter, random) } };
  };
}
