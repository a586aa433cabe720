import type { ContextCore } from "../../context/context-core.ts";
import { PromiseCombinatorError } from "../../errors/durable-operation-error.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import { type ContextFactory, runInChildContext } from "../child/run-in-child-context.ts";

/** `context.promise`: combinators recorded as one child context when awaited (spec §7.10). */
export interface DurablePromiseCombinators {
  all<T>(name: string | undefined, promises: DurablePromise<T>[]): DurablePromise<T[]>;
  all<T>(promises: DurablePromise<T>[]): DurablePromise<T[]>;
  allSettled<T>(
    name: string | undefined,
    promises: DurablePromise<T>[],
  ): DurablePromise<PromiseSettledResult<T>[]>;
  allSettled<T>(promises: DurablePromise<T>[]): DurablePromise<PromiseSettledResult<T>[]>;
  any<T>(name: string | undefined, promises: DurablePromise<T>[]): DurablePromise<T>;
  any<T>(promises: DurablePromise<T>[]): DurablePromise<T>;
  race<T>(name: string | undefined, promises: DurablePromise<T>[]): DurablePromise<T>;
  race<T>(promises: DurablePromise<T>[]): DurablePromise<T>;
}

type Combine = (promises: readonly PromiseLike<unknown>[]) => Promise<unknown>;

/** The combinators of one context. */
export function createPromiseCombinators(
  core: ContextCore,
  createContext: ContextFactory,
): DurablePromiseCombinators {
  const combinator =
    (combine: Combine, serdes?: Serdes<unknown>) =>
    (nameOrPromises: unknown, maybePromises?: unknown): DurablePromise<never> => {
      const named = typeof nameOrPromises === "string" || nameOrPromises === undefined;
      const name = named ? (nameOrPromises as string | undefined) : undefined;
      const promises = (named ? maybePromises : nameOrPromises) as PromiseLike<unknown>[];
      // Lazy: nothing is allocated or recorded until the combinator itself is awaited.
      return new DurablePromise(
        async () =>
          (await runInChildContext(core, createContext, name, async () => combine(promises), {
            serdes,
            errorMapper: (error) => new PromiseCombinatorError(error.message, error),
          })) as never,
      );
    };
  return {
    all: combinator((promises) => Promise.all(promises)),
    allSettled: combinator((promises) => Promise.allSettled(promises), settledSerdes),
    any: combinator((promises) => Promise.any(promises)),
    race: combinator((promises) => Promise.race(promises)),
  } as DurablePromiseCombinators;
}

interface StoredReason {
  message: unknown;
  name: unknown;
  stack: unknown;
}

/** allSettled results with rejection reasons flattened, restored as Errors. */
const settledSerdes: Serdes<unknown> = {
  async serialize(value) {
    if (value === undefined) return undefined;
    const settled = (value as PromiseSettledResult<unknown>[]).map((result) => {
      if (result.status === "fulfilled") return result;
      const reason = result.reason as Partial<StoredReason> | undefined;
      return {
        status: "rejected",
        reason: { message: reason?.message, name: reason?.name, stack: reason?.stack },
      };
    });
    return JSON.stringify(settled);
  },
  async deserialize(data) {
    if (data === undefined) return undefined;
    return (JSON.parse(data) as PromiseSettledResult<unknown>[]).map((result) => {
      if (result.status === "fulfilled") return result;
      const stored = result.reason as StoredReason;
      const reason = new Error(typeof stored.message === "string" ? stored.message : "");
      if (typeof stored.name === "string") reason.name = stored.name;
      if (typeof stored.stack === "string") reason.stack = stored.stack;
      return { status: "rejected", reason };
    });
  },
};
