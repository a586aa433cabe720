/**
 * The bounded wait of a synchronous start. It listens for the engine's completion event rather than
 * parking in `waitForExecution` until the bound passes, because an abandoned `waitForExecution` of an
 * execution that never ends would stay registered in the engine for good.
 */
import type { Engine, ExecutionSummary } from "@durably/engine";

/**
 * The finished execution, or undefined when it still runs after `boundMs` of wall-clock time (or
 * `signal` aborts first: the client went away).
 */
export async function waitForCompletion(
  engine: Engine,
  executionId: string,
  boundMs: number,
  signal?: AbortSignal,
): Promise<ExecutionSummary | undefined> {
  let unsubscribe: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => undefined;
  const outcome = new Promise<boolean>((resolve) => {
    unsubscribe = engine.subscribe((event) => {
      if (event.type === "execution-completed" && event.executionId === executionId) resolve(true);
    });
    timer = setTimeout(() => resolve(false), boundMs);
    onAbort = () => resolve(false);
    if (signal?.aborted === true) resolve(false);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // Subscribed before reading, so an end between the read and the subscription is not missed.
    const current = await engine.getExecution(executionId);
    const isDone = current.status !== "RUNNING" || (await outcome);
    // Closed: waitForExecution now resolves once the last invocation has written its end, so the
    // history a client reads next is complete.
    return isDone ? await engine.waitForExecution(executionId) : undefined;
  } finally {
    unsubscribe();
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
