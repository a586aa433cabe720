import { type Duration, durationToSeconds } from "../context/duration.ts";
import { type RandomSource, systemRandom } from "../internal/random.ts";
import { JitterStrategy } from "./jitter-strategy.ts";
import { jitteredDelaySeconds } from "./retry-delay.ts";

/** What a waitForCondition wait strategy decides after a check. */
export type WaitForConditionDecision =
  | { shouldContinue: true; delay: Duration }
  | { shouldContinue: false };

/** Decides, from the state a check returned and the 1-based attempt, whether to poll again. */
export type WaitForConditionWaitStrategyFunc<T> = (
  state: T,
  attempt: number,
) => WaitForConditionDecision;

/** Options of {@link createWaitStrategy}. */
export interface WaitStrategyConfig<T> {
  shouldContinuePolling: (result: T) => boolean;
  maxAttempts?: number | undefined;
  initialDelay?: Duration | undefined;
  maxDelay?: Duration | undefined;
  backoffRate?: number | undefined;
  jitter?: JitterStrategy | undefined;
  /** Accepted for compatibility; not applied (as in the official SDK). */
  timeoutSeconds?: number | undefined;
}

/**
 * Polling strategy for waitForCondition: defaults 60 attempts, 5 s ×1.5 capped at 300 s, full
 * jitter; throws once the attempts are used up (spec/sdk-api.md §7.5).
 */
export function createWaitStrategy<T>(
  config: WaitStrategyConfig<T>,
): WaitForConditionWaitStrategyFunc<T> {
  return buildWaitStrategy(config, systemRandom);
}

/** {@link createWaitStrategy} with the random source given (tests fix it). */
export function buildWaitStrategy<T>(
  config: WaitStrategyConfig<T>,
  random: RandomSource,
): WaitForConditionWaitStrategyFunc<T> {
  const maxAttempts = config.maxAttempts ?? 60;
  const initialSeconds = durationToSeconds(config.initialDelay ?? { seconds: 5 });
  const maxSeconds = durationToSeconds(config.maxDelay ?? { seconds: 300 });
  const backoffRate = config.backoffRate ?? 1.5;
  const jitter = config.jitter ?? JitterStrategy.FULL;
  return (state, attempt) => {
    if (!config.shouldContinuePolling(state)) return { shouldContinue: false };
    if (attempt >= maxAttempts)
      throw new Error(`waitForCondition exceeded maximum attempts (${maxAttempts})`);
    const base = Math.min(initialSeconds * backoffRate ** (attempt - 1), maxSeconds);
    return { shouldContinue: true, delay: { seconds: jitteredDelaySeconds(base, jitter, random) } };
  };
}
