/**
 * Durably's testing library (`@durably/testing`): LocalDurableTestRunner with `skipTime: true` (T1),
 * written as a test would: one runner per execution, `run({ payload })`, then the result.
 */
import { LocalDurableTestRunner } from "@durably/testing";
import type { WorkloadKind } from "../workloads/workload.ts";
import { durablyHandlers } from "./durably-handlers.ts";
import type { BenchTarget } from "./implementation.ts";

/** Durably's LocalDurableTestRunner with time skipping. */
export async function durablyTesting(_kind: WorkloadKind): Promise<BenchTarget> {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  return {
    skipsTime: true,
    async runOne(kind, input) {
      const runner = new LocalDurableTestRunner<number>({ handlerFunction: durablyHandlers[kind] });
      const result = await runner.run({ payload: input });
      if (result.getStatus() !== "SUCCEEDED")
        throw new Error(`run ${String(result.getStatus())}: ${JSON.stringify(result.getError())}`);
      return result.getResult();
    },
    close: () => LocalDurableTestRunner.teardownTestEnvironment(),
  };
}
