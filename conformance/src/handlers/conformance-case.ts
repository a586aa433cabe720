/**
 * What the runner needs to run one requirement: the durable handler written for it, and any
 * functions it invokes.
 */
import { withDurableExecution } from "@durably/sdk";

/** A Lambda-style handler as `withDurableExecution` returns it. */
export type LambdaHandler = (event: any, context: any) => Promise<any>;

/** One requirement's implementation on Durably. */
export interface ConformanceCase {
  handler: LambdaHandler;
  /** Durable functions `context.invoke` may target, by name. */
  durableFunctions?: Record<string, LambdaHandler>;
  /** Plain (non-durable) functions `context.invoke` may target, by name. */
  plainFunctions?: Record<string, (input: any) => Promise<any>>;
}

/** Cases of one suite, keyed by requirement id ("1.11"); each run gets fresh state from the factory. */
export type SuiteCases = Record<string, () => ConformanceCase>;

/** Thrown from a handler to simulate the Lambda process dying mid-invocation. */
export class SimulatedCrash extends Error {
  override name: string = "Runtime.ExitError";
  constructor() {
    super("RequestId: simulated Error: Runtime exited with error: exit status 1");
  }
}

/**
 * Lets a handler simulate a process crash: `crash()` (called from inside a step body) ends the
 * current invocation with a `Runtime.ExitError`, as if the process had died, and never returns.
 */
export function crashable(handler: LambdaHandler): {
  handler: LambdaHandler;
  crash: () => Promise<never>;
} {
  let fail: ((error: Error) => void) | undefined;
  return {
    handler: (event, context) =>
      Promise.race([
        handler(event, context),
        new Promise<never>((_, reject) => {
          fail = reject;
        }),
      ]),
    crash: () => {
      fail?.(new SimulatedCrash());
      return new Promise<never>(() => {});
    },
  };
}

/**
 * A plain (non-durable) function as an invoke target: the engine runs durable functions, so it is
 * wrapped in a durable handler that performs no durable operation.
 */
export function plainFunction(fn: (input: any) => Promise<any>): LambdaHandler {
  return withDurableExecution(async (input: unknown) => fn(input));
}
