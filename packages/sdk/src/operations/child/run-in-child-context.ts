import { activeScope } from "../../context/async-scope.ts";
import { ContextCore } from "../../context/context-core.ts";
import type { DurableContext } from "../../context/durable-context.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import { ChildContextError, DurableOperationError } from "../../errors/durable-operation-error.ts";
import { errorObjectOf } from "../../errors/error-object.ts";
import type { DurablePromise } from "../../promise/durable-promise.ts";
import {
  type ErrorObject,
  type Operation,
  OperationAction,
  OperationStatus,
  OperationType,
} from "../../protocol/wire.ts";
import { PluginOperationStatus } from "../../plugins/plugin-statuses.ts";
import { ExecutionMode } from "../../replay/execution-mode.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import type { ChildConfig, ChildFunc } from "./child-config.ts";

/** Largest serialised child result stored inline; larger ones are rebuilt from the children. */
export const MAX_INLINE_CHILD_RESULT_BYTES: number = 256 * 1024;

/** Builds the DurableContext object for a child core (given by the context, to avoid an import cycle). */
export type ContextFactory = (core: ContextCore) => DurableContext;

/**
 * `context.runInChildContext(name?, fn, config?)` (spec/sdk-api.md §7.3): a CONTEXT operation whose
 * code gets a fresh context with its own step ids ("<id>-1", "<id>-2", …). Replay returns the
 * recorded result or error without running `fn`, except for large results, rebuilt by re-running
 * `fn` over the recorded children.
 */
export function runInChildContext<T>(
  core: ContextCore,
  createContext: ContextFactory,
  nameOrFn: string | undefined | ChildFunc<T>,
  fnOrConfig?: ChildFunc<T> | ChildConfig<T>,
  maybeConfig?: ChildConfig<T>,
): DurablePromise<T> {
  const named = typeof nameOrFn === "string" || nameOrFn === undefined;
  const name = named ? nameOrFn : undefined;
  const fn = (named ? fnOrConfig : nameOrFn) as ChildFunc<T>;
  const config = (named ? maybeConfig : fnOrConfig) as ChildConfig<T> | undefined;
  const subType = config?.subType ?? OperationSubType.RUN_IN_CHILD_CONTEXT;
  return core.start(
    "runInChildContext",
    { type: OperationType.CONTEXT, subType, name },
    (operation) => {
      if (typeof fn !== "function") throw new TypeError("runInChildContext requires a function");
      return runChildContext(operation, createContext, (context) => fn(context), config);
    },
  );
}

/** Code of a child context, given its context and (for SDK-internal operations) its core. */
export type ChildBody<T> = (context: DurableContext, core: ContextCore) => Promise<T>;

/**
 * Phase 1 of a child context (spec/sdk-api.md §7.3): recorded outcome, or START, run `body` in
 * the child's async scope, then SUCCEED (large results as a summary with ReplayChildren) or FAIL.
 */
export async function runChildContext<T>(
  operation: OperationHandle,
  createContext: ContextFactory,
  body: ChildBody<T>,
  config: ChildConfig<T> | undefined,
): Promise<T> {
  const serdes: Serdes<T> = config?.serdes ?? operation.core.serdes;
  const isVirtual = config?.virtualContext === true;
  const record = isVirtual ? undefined : operation.record;
  const replayChildren = record?.ContextDetails?.ReplayChildren === true;
  if (record?.Status === OperationStatus.FAILED)
    throw childError(record.ContextDetails?.Error, config);
  if (record?.Status === OperationStatus.SUCCEEDED && !replayChildren) {
    return operation.deserialize(serdes, record.ContextDetails?.Result);
  }
  if (record === undefined && !isVirtual) operation.enqueue(OperationAction.START);
  const child = createChildCore(operation, record, isVirtual);
  // Rebuilding a finished context's result is not reported to plugins (it ended before).
  const hooks = record?.Status === OperationStatus.SUCCEEDED ? undefined : operation.hooks;
  if (hooks !== undefined) {
    if (record === undefined && !isVirtual)
      await hooks.started(false, PluginOperationStatus.STARTED);
    else await hooks.started(isVirtual ? operation.core.isReplaying() : true);
  } else if (record?.Status !== OperationStatus.SUCCEEDED) {
    // The official SDK always awaits its (optional) onOperationStart hook here, so the body starts
    // a tick later: siblings started in the same loop (map items, parallel branches) record their
    // STARTs before any child's operations, which fixes the order tests see operations in.
    await Promise.resolve();
  }
  // Keeps its children visible to later invocations (pluginsConfig.childOperationsDepth).
  const preserved = child.preserveChildDepth >= 1 ? { ReplayChildren: true } : undefined;
  let result: T;
  try {
    const run = (): Promise<T> => body(createContext(child), child);
    result = await activeScope.run(child, () =>
      hooks === undefined
        ? run()
        : hooks.runChildFunction(child.isReplaying() || record !== undefined, run),
    );
  } catch (error) {
    child.lifecycle.finish();
    const errorObject = errorObjectOf(error);
    if (!isVirtual)
      operation.enqueue(OperationAction.FAIL, { Error: errorObject, ContextOptions: preserved });
    if (hooks !== undefined) {
      const failure = DurableOperationError.fromErrorObject(errorObject);
      await hooks.ended({ status: PluginOperationStatus.FAILED }, failure);
    }
    throw childError(errorObject, config);
  }
  child.lifecycle.finish();
  const payload = await operation.serialize(serdes, result);
  if (record?.Status === OperationStatus.SUCCEEDED) return operation.deserialize(serdes, payload);
  let checkpointed = payload;
  if (!isVirtual) {
    if (
      payload !== undefined &&
      Buffer.byteLength(payload, "utf8") > MAX_INLINE_CHILD_RESULT_BYTES
    ) {
      const summary = config?.summaryGenerator?.(result) ?? "";
      checkpointed = summary;
      operation.enqueue(OperationAction.SUCCEED, {
        Payload: summary,
        ContextOptions: { ReplayChildren: true },
      });
    } else {
      operation.enqueue(OperationAction.SUCCEED, { Payload: payload, ContextOptions: preserved });
    }
  }
  if (hooks !== undefined) {
    const ended: { status: PluginOperationStatus; result?: string } = {
      status: PluginOperationStatus.SUCCEEDED,
    };
    if (checkpointed !== undefined) ended.result = checkpointed;
    await hooks.ended(ended);
  }
  return operation.deserialize(serdes, payload);
}

/** The core of the child: its own step ids, lifecycle scope and mode (spec §13.3). */
function createChildCore(
  operation: OperationHandle,
  record: Operation | undefined,
  isVirtual: boolean,
): ContextCore {
  const parent = operation.core;
  const depth = parent.preserveChildDepth;
  return new ContextCore({
    runtime: parent.runtime,
    contextId: operation.stepId,
    operationId: isVirtual ? parent.operationId : operation.id,
    operationName: operation.name,
    parentId: isVirtual ? parent.parentId : operation.id,
    stepIdPrefix: `${operation.stepId}-`,
    mode: isVirtual ? parent.mode : childMode(record),
    lifecycle: parent.lifecycle.createChild(),
    logger: parent.durableLogger,
    modeAware: parent.modeAware,
    serdes: parent.serdes,
    callbackDeserializer: parent.callbackDeserializer,
    // A virtual child adds no level to the operation tree.
    preserveChildDepth:
      isVirtual || depth === Number.POSITIVE_INFINITY ? depth : Math.max(0, depth - 1),
  });
}

function childMode(record: Operation | undefined): ExecutionMode {
  if (record?.Status === OperationStatus.SUCCEEDED) {
    return record.ContextDetails?.ReplayChildren === true
      ? ExecutionMode.ReplaySucceededContext
      : ExecutionMode.ReplayMode;
  }
  if (record?.Status === OperationStatus.FAILED) return ExecutionMode.ReplayMode;
  return ExecutionMode.ExecutionMode;
}

function childError<T>(
  errorObject: ErrorObject | undefined,
  config: ChildConfig<T> | undefined,
): DurableOperationError {
  if (errorObject === undefined) return new ChildContextError("Child context failed");
  const reconstructed = DurableOperationError.fromErrorObject(errorObject);
  if (config?.errorMapper !== undefined) return config.errorMapper(reconstructed);
  return new ChildContextError(reconstructed.message, reconstructed);
}
