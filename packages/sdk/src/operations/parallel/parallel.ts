import type { ContextCore } from "../../context/context-core.ts";
import type { DurableContext } from "../../context/durable-context.ts";
import type { DurableLogger } from "../../logging/durable-logger.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import type { ContextFactory } from "../child/run-in-child-context.ts";
import type { BatchResult } from "../batch/batch-result.ts";
import { type BatchConfig, PARALLEL_KIND, startBatch } from "../batch/start-batch.ts";

/** One branch of a parallel. */
export type ParallelFunc<T, L extends DurableLogger = DurableLogger> = (
  context: DurableContext<L>,
) => Promise<T>;

/** A branch with a name for its context. */
export interface NamedParallelBranch<T, L extends DurableLogger = DurableLogger> {
  name?: string | undefined;
  func: ParallelFunc<T, L>;
}

/** Options of `context.parallel`. */
export type ParallelConfig<R> = BatchConfig<R>;

/**
 * `context.parallel(name?, branches, config?)` (spec/sdk-api.md §7.9): one `Parallel` context whose
 * branches run as `ParallelBranch` child contexts, named `parallel-branch-<index>` by default.
 */
export function parallel<T>(
  core: ContextCore,
  createContext: ContextFactory,
  args: readonly unknown[],
): DurablePromise<BatchResult<T>> {
  const named = typeof args[0] === "string" || args[0] === undefined;
  const name = named ? (args[0] as string | undefined) : undefined;
  const branches = (named ? args[1] : args[0]) as unknown[];
  const config = (named ? args[2] : args[1]) as ParallelConfig<T> | undefined;
  if (!Array.isArray(branches))
    return rejected(new Error("Parallel operation requires an array of branch functions"));
  const specs = [];
  for (const [index, branch] of branches.entries()) {
    if (typeof branch === "function") {
      specs.push({ name: `parallel-branch-${index}`, run: branch as ParallelFunc<T> });
    } else if (
      typeof branch === "object" &&
      branch !== null &&
      typeof (branch as NamedParallelBranch<T>).func === "function"
    ) {
      const named = branch as NamedParallelBranch<T>;
      specs.push({ name: named.name ?? `parallel-branch-${index}`, run: named.func });
    } else {
      return rejected(new Error("All branches must be functions or NamedParallelBranch objects"));
    }
  }
  return startBatch(core, createContext, PARALLEL_KIND, name, specs, config);
}

function rejected<T>(error: Error): DurablePromise<T> {
  return new DurablePromise<T>(() => Promise.reject(error));
}
