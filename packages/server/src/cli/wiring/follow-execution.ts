/**
 * Waits for an execution to end, however it ends. The engine signals the executions it runs
 * itself; but the database may be shared (another `durably run` may hold the execution, or a
 * server may stop it), and those changes raise no event here. So we also poll the store, cheaply,
 * and feed the operations we read to the live view.
 */
import type { Engine, ExecutionSummary } from "@durably/engine";
import type { Operation } from "@durably/sdk/protocol";

/** Options of {@link followExecution}. */
export interface FollowOptions {
  /** Poll interval (ms). */
  pollMs: number;
  /** Receives the execution's operations at each poll. */
  onOperations(execution: ExecutionSummary, operations: Operation[]): void;
}

/** A followed execution. */
export interface FollowedExecution {
  /** Resolves with the execution once it is no longer RUNNING. */
  done: Promise<ExecutionSummary>;
  /** Stops polling (the promise then settles only through the engine). */
  dispose(): void;
}

/** Follows `executionId` until it ends. */
export function followExecution(
  engine: Engine,
  executionId: string,
  options: FollowOptions,
): FollowedExecution {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isDisposed = false;
  let finish: (summary: ExecutionSummary) => void = () => undefined;
  const polled = new Promise<ExecutionSummary>((resolve) => (finish = resolve));
  const poll = async (): Promise<void> => {
    try {
      const execution = await engine.getExecution(executionId);
      if (isDisposed) return;
      options.onOperations(execution, await engine.getOperations(executionId));
      if (execution.status !== "RUNNING") {
        finish(execution);
        return;
      }
    } catch {
      // A transient read failure (e.g. the database is busy) is retried at the next poll.
    }
    if (!isDisposed) timer = setTimeout(() => void poll(), options.pollMs);
  };
  timer = setTimeout(() => void poll(), options.pollMs);
  return {
    done: Promise.race([engine.waitForExecution(executionId), polled]),
    dispose() {
      isDisposed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
