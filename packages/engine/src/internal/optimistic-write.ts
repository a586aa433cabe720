/**
 * Read-modify-write of one execution from outside an invocation (timers, callbacks, stop, chained
 * invoke results): plan against a fresh read, commit conditional on its version, start over on CONFLICT.
 */
import type { ExecutionCommit, ExecutionRecord, Store } from "@durably/store";
import { hasErrorCode } from "@durably/store";

/** What a planner returns: the change, and anything the caller wants back. */
export interface PlannedWrite<T> {
  change: Omit<ExecutionCommit, "executionId" | "expectedVersion">;
  result: T;
}

/** Outcome of {@link writeExecution}. */
export type WriteOutcome<T> =
  | { kind: "missing" }
  | { kind: "skipped" }
  | { kind: "written"; row: ExecutionRecord; result: T };

/**
 * Plans a change against the current row (the planner may read more, and may throw to refuse) and
 * commits it; re-plans on CONFLICT. A planner returning undefined writes nothing.
 */
export async function writeExecution<T>(
  store: Store,
  executionId: string,
  plan: (row: ExecutionRecord) => Promise<PlannedWrite<T> | undefined>,
): Promise<WriteOutcome<T>> {
  for (;;) {
    const row = await store.getExecution(executionId);
    if (row === undefined) return { kind: "missing" };
    const planned = await plan(row);
    if (planned === undefined) return { kind: "skipped" };
    try {
      const written = await store.commit({
        ...planned.change,
        executionId,
        expectedVersion: row.version,
      });
      return { kind: "written", row: written, result: planned.result };
    } catch (error) {
      if (!hasErrorCode(error, "CONFLICT")) throw error;
    }
  }
}
