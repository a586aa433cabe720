import { OperationStatus } from "../protocol/wire.ts";
import { OperationLifecycle, type TrackedOperation } from "../replay/suspension-monitor.ts";
import type { OperationHandle } from "./operation-handle.ts";

/**
 * Waits while a STEP's next attempt is scheduled (status PENDING) until the service makes it
 * READY, polling from `NextAttemptTimestamp`; the invocation suspends on it meanwhile.
 */
export async function awaitNextAttempt(
  operation: OperationHandle,
  tracked: TrackedOperation,
): Promise<void> {
  tracked.set(OperationLifecycle.RETRY_WAITING);
  const watch = operation.watch(
    (record) =>
      record.Status !== OperationStatus.PENDING && record.Status !== OperationStatus.STARTED,
  );
  watch.startPolling(operation.record?.StepDetails?.NextAttemptTimestamp?.getTime());
  await watch.settled;
}
