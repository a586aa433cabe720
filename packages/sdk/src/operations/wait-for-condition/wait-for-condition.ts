import { activeScope, type ActiveScope } from "../../context/async-scope.ts";
import { awaitNextAttempt } from "../../context/await-next-attempt.ts";
import type { ContextCore } from "../../context/context-core.ts";
import { durationToSeconds } from "../../context/duration.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import {
  DurableOperationError,
  WaitForConditionError,
} from "../../errors/durable-operation-error.ts";
import { errorObjectOf } from "../../errors/error-object.ts";
import type { DurableContextLogger, DurableLogger } from "../../logging/durable-logger.ts";
import type { AttemptInfo } from "../../plugins/durable-instrumentation-plugin.ts";
import { AttemptEndInfoOutcome, PluginOperationStatus } from "../../plugins/plugin-statuses.ts";
import type { DurablePromise } from "../../promise/durable-promise.ts";
import { OperationAction, OperationStatus, OperationType } from "../../protocol/wire.ts";
import { OperationLifecycle, type TrackedOperation } from "../../replay/suspension-monitor.ts";
import type { WaitForConditionWaitStrategyFunc } from "../../retry/create-wait-strategy.ts";
import type { Serdes } from "../../serdes/serdes.ts";

/** What a condition check receives. */
export interface WaitForConditionContext<L extends DurableLogger = DurableLogger> {
  logger: DurableContextLogger<L>;
  /** 1-based attempt number. */
  attempt: number;
}

/** Computes the next state from the current one. */
export type WaitForConditionCheckFunc<T, L extends DurableLogger = DurableLogger> = (
  state: T,
  context: WaitForConditionContext<L>,
) => Promise<T>;

/** Options of `context.waitForCondition`; `waitStrategy` and `initialState` are required. */
export interface WaitForConditionConfig<T> {
  waitStrategy: WaitForConditionWaitStrategyFunc<T>;
  initialState: T;
  serdes?: Serdes<T> | undefined;
}

/**
 * `context.waitForCondition(name?, check, config)` (spec/sdk-api.md §7.5): a STEP that runs `check`
 * on the current state, then asks the wait strategy whether to poll again after a delay (RETRY
 * carrying the state) or to finish (SUCCEED). Any throw fails it at once, without retries.
 */
export function waitForCondition<T>(
  core: ContextCore,
  nameOrCheck: string | undefined | WaitForConditionCheckFunc<T>,
  checkOrConfig: WaitForConditionCheckFunc<T> | WaitForConditionConfig<T>,
  maybeConfig?: WaitForConditionConfig<T>,
): DurablePromise<T> {
  const named = typeof nameOrCheck === "string" || nameOrCheck === undefined;
  const name = named ? nameOrCheck : undefined;
  const check = (named ? checkOrConfig : nameOrCheck) as WaitForConditionCheckFunc<T>;
  const config = (named ? maybeConfig : checkOrConfig) as WaitForConditionConfig<T> | undefined;
  if (config?.waitStrategy === undefined || config.initialState === undefined) {
    throw new Error("waitForCondition requires config with waitStrategy and initialState");
  }
  return core.start(
    "waitForCondition",
    { type: OperationType.STEP, subType: OperationSubType.WAIT_FOR_CONDITION, name },
    (operation) => runChecks(operation, check, config),
    undefined,
    { skipReplayCheck: true },
  );
}

async function runChecks<T>(
  operation: OperationHandle,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const serdes: Serdes<T> = config.serdes ?? operation.core.serdes;
  const hooks = operation.hooks;
  let tracked: TrackedOperation | undefined;
  for (;;) {
    const record = operation.record;
    if (record?.Status === OperationStatus.SUCCEEDED) {
      return operation.deserialize(serdes, record.StepDetails?.Result);
    }
    if (record?.Status === OperationStatus.FAILED) {
      const stored = record.StepDetails?.Error;
      throw stored === undefined
        ? new WaitForConditionError("waitForCondition failed")
        : DurableOperationError.fromErrorObject(stored);
    }
    tracked ??= operation.track();
    if (record?.Status === OperationStatus.PENDING) {
      await awaitNextAttempt(operation, tracked);
      continue;
    }
    const hasState =
      (record?.Status === OperationStatus.STARTED || record?.Status === OperationStatus.READY) &&
      record.StepDetails?.Result !== undefined;
    const state = hasState
      ? await operation.deserialize(serdes, record?.StepDetails?.Result)
      : config.initialState;
    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    if (record?.Status !== OperationStatus.STARTED) operation.enqueue(OperationAction.START);
    tracked.set(OperationLifecycle.EXECUTING);
    let attemptInfo: AttemptInfo | undefined;
    if (hooks !== undefined) {
      const isReplay = record?.Status === OperationStatus.STARTED || attempt > 1;
      await hooks.started(isReplay, PluginOperationStatus.STARTED);
      attemptInfo = await hooks.attemptStarted(attempt);
    }
    let payload: string | undefined;
    let decision;
    try {
      const next = await runCheck(operation, check, state, attempt, attemptInfo);
      payload = await operation.serialize(serdes, next);
      const roundTripped = await operation.deserialize(serdes, payload);
      decision = config.waitStrategy(roundTripped, attempt);
      if (!decision.shouldContinue) {
        const stored = operation.checkpoint(OperationAction.SUCCEED, { Payload: payload });
        tracked.set(OperationLifecycle.COMPLETED);
        await stored;
        if (hooks !== undefined && attemptInfo !== undefined) {
          await hooks.attemptEnded(attemptInfo, AttemptEndInfoOutcome.SUCCEEDED);
          await hooks.ended();
        }
        return roundTripped;
      }
    } catch (error) {
      const errorObject = errorObjectOf(error);
      const stored = operation.checkpoint(OperationAction.FAIL, { Error: errorObject });
      tracked.set(OperationLifecycle.COMPLETED);
      await stored;
      if (hooks !== undefined && attemptInfo !== undefined) {
        await hooks.attemptEnded(attemptInfo, AttemptEndInfoOutcome.FAILED, error);
        await hooks.ended(undefined, error);
      }
      throw DurableOperationError.fromErrorObject(errorObject);
    }
    const scheduled = operation.checkpoint(OperationAction.RETRY, {
      Payload: payload,
      StepOptions: { NextAttemptDelaySeconds: durationToSeconds(decision.delay) },
    });
    tracked.set(OperationLifecycle.RETRY_WAITING);
    await scheduled;
    if (hooks !== undefined && attemptInfo !== undefined)
      await hooks.attemptEnded(attemptInfo, AttemptEndInfoOutcome.SUCCEEDED);
    await awaitNextAttempt(operation, tracked);
  }
}

function runCheck<T>(
  operation: OperationHandle,
  check: WaitForConditionCheckFunc<T>,
  state: T,
  attempt: number,
  attemptInfo: AttemptInfo | undefined,
): Promise<T> {
  const scope: ActiveScope = {
    contextId: operation.stepId,
    operationId: operation.id,
    operationName: operation.name,
    attempt,
    logBase: operation.core.logBase,
    isReplaying: () => false,
  };
  const context: WaitForConditionContext = { logger: operation.core.durableLogger, attempt };
  const hooks = operation.hooks;
  if (hooks === undefined || attemptInfo === undefined)
    return activeScope.run(scope, check, state, context);
  return activeScope.run(scope, () => hooks.runAttempt(attemptInfo, () => check(state, context)));
}
