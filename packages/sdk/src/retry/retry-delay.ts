/** Arithmetic shared by the retry and wait strategies (spec/sdk-api.md §6.1). */
import type { RandomSource } from "../internal/random.ts";
import { JitterStrategy } from "./jitter-strategy.ts";
import type { RetryableErrorFilter } from "./retry-decision.ts";

/** Whole seconds to wait: jitter applied to `baseSeconds`, rounded, at least 1. */
export function jitteredDelaySeconds(
  baseSeconds: number,
  jitter: JitterStrategy,
  random: RandomSource,
): number {
  let seconds = baseSeconds;
  if (jitter === JitterStrategy.FULL) seconds = random() * baseSeconds;
  else if (jitter === JitterStrategy.HALF) seconds = baseSeconds / 2 + (random() * baseSeconds) / 2;
  return Math.max(1, Math.round(seconds));
}

/** Whether `error` passes the filter; with no patterns and no classes every error does. */
export function isRetryableError(filter: RetryableErrorFilter, error: Error): boolean {
  const patterns = filter.retryableErrors ?? [];
  const types = filter.retryableErrorTypes ?? [];
  if (patterns.length === 0 && types.length === 0) return true;
  const message = error.message ?? "";
  const matchesMessage = patterns.some((pattern) =>
    typeof pattern === "string" ? message.includes(pattern) : pattern.test(message),
  );
  return matchesMessage || types.some((type) => error instanceof type);
}
