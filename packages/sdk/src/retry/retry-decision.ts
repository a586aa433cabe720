import type { Duration } from "../context/duration.ts";
import type { JitterStrategy } from "./jitter-strategy.ts";

/** A retry strategy's answer; an absent delay means one second. */
export interface RetryDecision {
  shouldRetry: boolean;
  delay?: Duration | undefined;
}

/** Decides whether the attempt that just failed (1-based `attemptsMade`) is retried, and when. */
export type RetryStrategy = (error: Error, attemptsMade: number) => RetryDecision;

/** Which errors a strategy retries: message patterns or error classes; neither given ⇒ all. */
export interface RetryableErrorFilter {
  retryableErrors?: (string | RegExp)[] | undefined;
  retryableErrorTypes?: (new (...args: any[]) => Error)[] | undefined;
}

/** Options of `createRetryStrategy` (exponential backoff). */
export interface RetryStrategyConfig extends RetryableErrorFilter {
  maxAttempts?: number | undefined;
  initialDelay?: Duration | undefined;
  maxDelay?: Duration | undefined;
  backoffRate?: number | undefined;
  jitter?: JitterStrategy | undefined;
}

/** Options of `createLinearRetryStrategy`. */
export interface LinearRetryStrategyConfig extends RetryableErrorFilter {
  maxAttempts?: number | undefined;
  initialDelay?: Duration | undefined;
  increment?: Duration | undefined;
  maxDelay?: Duration | undefined;
  jitter?: JitterStrategy | undefined;
}
