import type { ContextCore } from "../../context/context-core.ts";
import { type Duration, durationToSeconds } from "../../context/duration.ts";
import { IdleOperation } from "../../context/idle-operation.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import type { DurablePromise } from "../../promise/durable-promise.ts";
import { type Operation, OperationAction, OperationType } from "../../protocol/wire.ts";
import { isTerminalStatus } from "../../replay/execution-state.ts";

/**
 * `context.wait(name?, duration)` (spec/sdk-api.md §7.4): the name form is chosen only when the
 * first argument is a string. Phase 1 checkpoints START; awaiting then waits for the service to
 * complete the wait, which suspends the invocation unless other work keeps it alive.
 */
export function wait(
  core: ContextCore,
  nameOrDuration: string | Duration | undefined,
  maybeDuration?: Duration,
): DurablePromise<void> {
  const named =
    typeof nameOrDuration === "string" ||
    (nameOrDuration === undefined && maybeDuration !== undefined);
  const name = named ? (nameOrDuration as string | undefined) : undefined;
  const duration = (named ? maybeDuration : nameOrDuration) as Duration;
  return core.start<IdleOperation | undefined, void>(
    "wait",
    { type: OperationType.WAIT, subType: OperationSubType.WAIT, name },
    (operation) => startWait(operation, duration),
    async (phase1, operation) => {
      const idle = await phase1;
      if (idle === undefined) return;
      await idle.completion();
      const hooks = operation.hooks;
      if (hooks !== undefined) await hooks.ended();
    },
  );
}

async function startWait(
  operation: OperationHandle,
  duration: Duration,
): Promise<IdleOperation | undefined> {
  const record = operation.record;
  const hooks = operation.hooks;
  if (record !== undefined && isTerminalStatus(record.Status)) {
    if (hooks !== undefined) await hooks.endedBeforeInvocation();
    return undefined;
  }
  if (record === undefined) {
    await operation.checkpoint(OperationAction.START, {
      WaitOptions: { WaitSeconds: durationToSeconds(duration) },
    });
  }
  if (hooks !== undefined) await hooks.started(record !== undefined);
  return new IdleOperation(operation, isWaitOver, scheduledEnd);
}

function isWaitOver(record: Operation): boolean {
  return isTerminalStatus(record.Status);
}

function scheduledEnd(record: Operation | undefined): number | undefined {
  return record?.WaitDetails?.ScheduledEndTimestamp?.getTime();
}
