import type { DurableContext } from "../../context/durable-context.ts";
import type { RetryDecision } from "../../retry/retry-decision.ts";
import type { ChildConfig } from "../child/child-config.ts";

/** A block of durable code retried by {@link withRetry}; `attempt` is 1-based. */
export type RetryableFunc<T> = (context: DurableContext, attempt: number) => Promise<T>;

/** Options of {@link withRetry}. */
export interface WithRetryConfig<T> {
  retryStrategy: (error: Error, attempt: number) => RetryDecision;
  /** Run the loop in a child context (default true). */
  wrapWithRunInChildContext?: boolean | undefined;
  childContextConfig?: ChildConfig<T> | undefined;
}

/**
 * Retries a block of durable code, backing off with durable waits named
 * `<name>-backoff-<attempt>` (spec/sdk-api.md §7.11).
 */
export function withRetry<T>(
  context: DurableContext,
  name: string,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export function withRetry<T>(
  context: DurableContext,
  func: RetryableFunc<T>,
  config: WithRetryConfig<T>,
): Promise<T>;
export async function withRetry<T>(
  context: DurableContext,
  nameOrFunc: string | RetryableFunc<T>,
  funcOrConfig: RetryableFunc<T> | WithRetryConfig<T>,
  maybeConfig?: WithRetryConfig<T>,
): Promise<T> {
  const named = typeof nameOrFunc === "string";
  const name = named ? nameOrFunc : undefined;
  const func = (named ? funcOrConfig : nameOrFunc) as RetryableFunc<T>;
  const config = (named ? maybeConfig : funcOrConfig) as WithRetryConfig<T> | undefined;
  if (config === undefined) throw new TypeError("withRetry: config is required");
  const loop = async (ctx: DurableContext): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await func(ctx, attempt);
      } catch (error) {
        const asError = error instanceof Error ? error : new Error("Unknown Error");
        const decision = config.retryStrategy(asError, attempt);
        if (!decision.shouldRetry) throw error;
        const delay = decision.delay ?? { seconds: 1 };
        if (name === undefined) await ctx.wait(delay);
        else await ctx.wait(`${name}-backoff-${attempt}`, delay);
      }
    }
  };
  if (config.wrapWithRunInChildContext === false) return loop(context);
  return context.runInChildContext(name, loop, config.childContextConfig);
}
