import type { ContextCore } from "../../context/context-core.ts";
import { type Duration, durationToSeconds } from "../../context/duration.ts";
import { IdleOperation } from "../../context/idle-operation.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import {
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  causeFromErrorObject,
} from "../../errors/durable-operation-error.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import {
  type CallbackOptions,
  type Operation,
  OperationAction,
  OperationStatus,
  OperationType,
} from "../../protocol/wire.ts";
import { isTerminalStatus } from "../../replay/execution-state.ts";
import type { AnySerdesDeserializer, Serdes } from "../../serdes/serdes.ts";

/** Options of `context.createCallback`. */
export interface CreateCallbackConfig<T = string> {
  timeout?: Duration | undefined;
  heartbeatTimeout?: Duration | undefined;
  /** Deserialises the success payload; default: the raw string. */
  serdes?: Omit<Serdes<T>, "serialize"> | undefined;
}

/** `[promise of the callback's result, callback id]`. */
export type CreateCallbackResult<T = string> = [DurablePromise<T>, string];

/** Returns the raw string the external system sent. */
const passThrough: AnySerdesDeserializer = { deserialize: async (data) => data };

/**
 * `context.createCallback(name?, config?)` (spec/sdk-api.md §7.6): checkpoints a CALLBACK START,
 * for which the service mints an id, and resolves with `[promise, callbackId]` as soon as the
 * callback exists. The promise settles when the external system completes it.
 */
export function createCallback<T>(
  core: ContextCore,
  nameOrConfig: string | undefined | CreateCallbackConfig<T>,
  maybeConfig?: CreateCallbackConfig<T>,
): DurablePromise<CreateCallbackResult<T>> {
  const named = typeof nameOrConfig === "string" || nameOrConfig === undefined;
  const name = named ? nameOrConfig : undefined;
  const config = (named ? maybeConfig : nameOrConfig) as CreateCallbackConfig<T> | undefined;
  return core.start(
    "createCallback",
    { type: OperationType.CALLBACK, subType: OperationSubType.CALLBACK, name },
    (operation) => startCallback(operation, config),
  );
}

async function startCallback<T>(
  operation: OperationHandle,
  config: CreateCallbackConfig<T> | undefined,
): Promise<CreateCallbackResult<T>> {
  const isNew = operation.record === undefined;
  if (isNew) {
    const options: CallbackOptions = {};
    if (config?.timeout !== undefined) options.TimeoutSeconds = durationToSeconds(config.timeout);
    if (config?.heartbeatTimeout !== undefined) {
      options.HeartbeatTimeoutSeconds = durationToSeconds(config.heartbeatTimeout);
    }
    await operation.checkpoint(OperationAction.START, { CallbackOptions: options });
  }
  const callbackId = operation.record?.CallbackDetails?.CallbackId;
  if (callbackId === undefined) {
    throw new CallbackError(
      `No callback ID found for callback "${operation.name}" (${operation.stepId})`,
    );
  }
  const deserializer = config?.serdes ?? operation.core.callbackDeserializer ?? passThrough;
  const hooks = operation.hooks;
  const endedBefore = isTerminalStatus(operation.record?.Status);
  if (hooks !== undefined) {
    if (endedBefore) await hooks.endedBeforeInvocation();
    else await hooks.started(!isNew);
  }
  const idle = new IdleOperation(operation, (record) => isTerminalStatus(record.Status));
  const result = new DurablePromise<T>(async () => {
    const record = await idle.completion();
    if (hooks !== undefined && !endedBefore) await hooks.ended();
    return callbackOutcome(operation, record, deserializer);
  });
  return [result, callbackId];
}

async function callbackOutcome<T>(
  operation: OperationHandle,
  record: Operation,
  deserializer: Pick<Serdes<T>, "deserialize">,
): Promise<T> {
  const details = record.CallbackDetails;
  if (record.Status === OperationStatus.SUCCEEDED) {
    const serdes: Serdes<T> = {
      serialize: async () => undefined,
      deserialize: (data, context) => deserializer.deserialize(data, context),
    };
    return operation.deserialize(serdes, details?.Result);
  }
  const error = details?.Error ?? {};
  const cause = causeFromErrorObject(error);
  const ErrorClass =
    record.Status === OperationStatus.TIMED_OUT ? CallbackTimeoutError : CallbackExternalError;
  throw new ErrorClass(error.ErrorMessage || undefined, cause, error.ErrorData);
}
