import { activeScope, type ActiveScope } from "../../context/async-scope.ts";
import { awaitNextAttempt } from "../../context/await-next-attempt.ts";
import { durationToSeconds } from "../../context/duration.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { DurableOperationError, StepError } from "../../errors/durable-operation-error.ts";
import { errorObjectOf } from "../../errors/error-object.ts";
import { NonDeterministicExecutionError } from "../../errors/non-deterministic-execution-error.ts";
import { StepInterruptedError } from "../../errors/step-interrupted-error.ts";
import { isUnrecoverableError } from "../../errors/unrecoverable-errors.ts";
import { NEVER } from "../../internal/never.ts";
import type { AttemptInfo } from "../../plugins/durable-instrumentation-plugin.ts";
import { AttemptEndInfoOutcome, PluginOperationStatus } from "../../plugins/plugin-statuses.ts";
import { OperationAction, OperationStatus, type Operation } from "../../protocol/wire.ts";
import { OperationLifecycle, type TrackedOperation } from "../../replay/suspension-monitor.ts";
import { TerminationReason } from "../../replay/termination.ts";
import { retryPresets } from "../../retry/retry-presets.ts";
import type { RetryDecision } from "../../retry/retry-decision.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import type { StepConfig, StepContext, StepFunc } from "./step-config.ts";
import { StepSemantics } from "./step-semantics.ts";

/** How an attempt ended; `attempt` is what plugins were told when it started. */
type AttemptOutcome<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & {
  attempt?: AttemptInfo | undefined;
};

/**
 * A step's phase 1 (spec/sdk-api.md §7.1): return or throw the recorded outcome, or run attempts —
 * START, body, then SUCCEED, FAIL or RETRY — waiting for the service between retries.
 */
export async function runStep<T>(
  operation: OperationHandle,
  fn: StepFunc<T>,
  config: StepConfig<T> | undefined,
): Promise<T> {
  const serdes: Serdes<T> = config?.serdes ?? operation.core.serdes;
  const atMostOnce = config?.semantics === StepSemantics.AtMostOncePerRetry;
  const retryStrategy = config?.retryStrategy ?? retryPresets.default;
  const hooks = operation.hooks;
  let tracked: TrackedOperation | undefined;
  let attemptsMade = 0;
  for (;;) {
    let record = operation.record;
    if (record?.Status === OperationStatus.SUCCEEDED) {
      return operation.deserialize(serdes, record.StepDetails?.Result);
    }
    if (record?.Status === OperationStatus.FAILED) throw recordedError(record);
    tracked ??= operation.track();
    if (record?.Status === OperationStatus.PENDING) {
      await awaitNextAttempt(operation, tracked);
      continue;
    }
    attemptsMade = Math.max(attemptsMade, record?.StepDetails?.Attempt ?? 0);
    const attempt = attemptsMade + 1;
    let outcome: AttemptOutcome<T>;
    if (record?.Status === OperationStatus.STARTED && atMostOnce) {
      // The body began in an earlier invocation and never reported back: do not run it again.
      outcome = { ok: false, error: new StepInterruptedError(operation.stepId, operation.name) };
    } else {
      if (record?.Status !== OperationStatus.STARTED) {
        if (atMostOnce) await operation.checkpoint(OperationAction.START);
        else operation.enqueue(OperationAction.START);
      }
      tracked.set(OperationLifecycle.EXECUTING);
      // A replay when the record was found started, or when this is a retry.
      const isReplay = record?.Status === OperationStatus.STARTED || attempt > 1;
      if (hooks !== undefined) await hooks.started(isReplay, PluginOperationStatus.STARTED);
      outcome = await runAttempt(operation, fn, attempt);
    }
    attemptsMade = attempt;
    if (outcome.ok) {
      const payload = await operation.serialize(serdes, outcome.value);
      const stored = operation.checkpoint(OperationAction.SUCCEED, { Payload: payload });
      tracked.set(OperationLifecycle.COMPLETED);
      await stored;
      if (hooks !== undefined) {
        if (outcome.attempt !== undefined)
          await hooks.attemptEnded(outcome.attempt, AttemptEndInfoOutcome.SUCCEEDED);
        await hooks.ended();
      }
      return operation.deserialize(serdes, payload);
    }
    if (isUnrecoverableError(outcome.error)) {
      const reason =
        outcome.error instanceof NonDeterministicExecutionError
          ? TerminationReason.NON_DETERMINISM
          : TerminationReason.CUSTOM;
      operation.core.runtime.terminate(reason, outcome.error as Error);
      return NEVER;
    }
    const { decision, error } = decide(retryStrategy, outcome.error, attempt);
    const errorObject = errorObjectOf(error);
    if (!decision.shouldRetry) {
      const stored = operation.checkpoint(OperationAction.FAIL, { Error: errorObject });
      tracked.set(OperationLifecycle.COMPLETED);
      await stored;
      if (hooks !== undefined) {
        if (outcome.attempt !== undefined)
          await hooks.attemptEnded(outcome.attempt, AttemptEndInfoOutcome.FAILED, error);
        await hooks.ended(undefined, error);
      }
      throw DurableOperationError.fromErrorObject(errorObject);
    }
    const delaySeconds = decision.delay === undefined ? 1 : durationToSeconds(decision.delay) || 1;
    const scheduled = operation.checkpoint(OperationAction.RETRY, {
      Error: errorObject,
      StepOptions: { NextAttemptDelaySeconds: delaySeconds },
    });
    tracked.set(OperationLifecycle.RETRY_WAITING);
    await scheduled;
    if (hooks !== undefined && outcome.attempt !== undefined)
      await hooks.attemptEnded(outcome.attempt, AttemptEndInfoOutcome.FAILED, error);
    await awaitNextAttempt(operation, tracked);
  }
}

/** Runs the body once inside the step's async scope. */
async function runAttempt<T>(
  operation: OperationHandle,
  fn: StepFunc<T>,
  attempt: number,
): Promise<AttemptOutcome<T>> {
  const scope: ActiveScope = {
    contextId: operation.stepId,
    operationId: operation.id,
    operationName: operation.name,
    attempt,
    logBase: operation.core.logBase,
    isReplaying: () => false,
  };
  const stepContext: StepContext = { logger: operation.core.durableLogger, attempt };
  const hooks = operation.hooks;
  if (hooks === undefined) {
    try {
      return { ok: true, value: await activeScope.run(scope, fn, stepContext) };
    } catch (error) {
      return { ok: false, error };
    }
  }
  const info = await hooks.attemptStarted(attempt);
  try {
    const value = await activeScope.run(scope, () => hooks.runAttempt(info, () => fn(stepContext)));
    return { ok: true, value, attempt: info };
  } catch (error) {
    return { ok: false, error, attempt: info };
  }
}

/** Asks the retry strategy; a throwing strategy fails the step with its own error. */
function decide(
  strategy: (error: Error, attemptsMade: number) => RetryDecision,
  thrown: unknown,
  attempt: number,
): { decision: RetryDecision; error: unknown } {
  const asError = thrown instanceof Error ? thrown : new Error("Unknown Error");
  try {
    return { decision: strategy(asError, attempt), error: thrown };
  } catch (strategyError) {
    return { decision: { shouldRetry: false }, error: strategyError };
  }
}

function recordedError(record: Operation): DurableOperationError {
  const stored = record.StepDetails?.Error;
  return stored === undefined
    ? new StepError("Unknown error")
    : DurableOperationError.fromErrorObject(stored);
}
