import type { ContextCore } from "../../context/context-core.ts";
import { IdleOperation } from "../../context/idle-operation.ts";
import type { OperationHandle } from "../../context/operation-handle.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import { InvokeError } from "../../errors/durable-operation-error.ts";
import type { DurablePromise } from "../../promise/durable-promise.ts";
import {
  type ChainedInvokeOptions,
  type Operation,
  OperationAction,
  OperationStatus,
  OperationType,
} from "../../protocol/wire.ts";
import { isTerminalStatus } from "../../replay/execution-state.ts";
import type { Serdes } from "../../serdes/serdes.ts";

/** Options of `context.invoke`. */
export interface InvokeConfig<I, O> {
  /** Serialises the input; default the context's serdes. */
  payloadSerdes?: Serdes<I> | undefined;
  /** Deserialises the result; default the context's serdes. */
  resultSerdes?: Serdes<O> | undefined;
  /** Tenant of the target function. */
  tenantId?: string | undefined;
}

/**
 * `context.invoke(name?, funcId, input?, config?)` (spec/sdk-api.md §7.2): starts another durable
 * function and waits for its result. The name form is chosen when the *second* argument is a
 * string, as in the official SDK.
 */
export function invoke<I, O>(core: ContextCore, args: readonly unknown[]): DurablePromise<O> {
  const named = typeof args[1] === "string";
  const name = named ? (args[0] as string | undefined) : undefined;
  const funcId = (named ? args[1] : args[0]) as string;
  const input = (named ? args[2] : args[1]) as I | undefined;
  const config = (named ? args[3] : args[2]) as InvokeConfig<I, O> | undefined;
  return core.start<IdleOperation | Operation, O>(
    "invoke",
    { type: OperationType.CHAINED_INVOKE, subType: OperationSubType.CHAINED_INVOKE, name },
    (operation) => startInvoke(operation, funcId, input, config),
    async (phase1, operation) => {
      const started = await phase1;
      let record: Operation;
      if (started instanceof IdleOperation) {
        record = await started.completion();
        const hooks = operation.hooks;
        if (hooks !== undefined) await hooks.ended();
      } else {
        record = started;
      }
      return invokeOutcome(operation, record, config?.resultSerdes ?? operation.core.serdes);
    },
  );
}

async function startInvoke<I, O>(
  operation: OperationHandle,
  funcId: string,
  input: I | undefined,
  config: InvokeConfig<I, O> | undefined,
): Promise<IdleOperation | Operation> {
  const record = operation.record;
  const hooks = operation.hooks;
  if (record !== undefined && isTerminalStatus(record.Status)) {
    if (hooks !== undefined) await hooks.endedBeforeInvocation();
    return record;
  }
  if (record === undefined) {
    const payload = await operation.serialize(
      config?.payloadSerdes ?? operation.core.serdes,
      input,
    );
    const options: ChainedInvokeOptions = { FunctionName: funcId };
    if (config?.tenantId) options.TenantId = config.tenantId;
    await operation.checkpoint(OperationAction.START, {
      Payload: payload,
      ChainedInvokeOptions: options,
    });
  }
  if (hooks !== undefined) await hooks.started(record !== undefined);
  return new IdleOperation(operation, (current) => isTerminalStatus(current.Status));
}

async function invokeOutcome<O>(
  operation: OperationHandle,
  record: Operation,
  serdes: Serdes<O>,
): Promise<O> {
  const details = record.ChainedInvokeDetails;
  if (record.Status === OperationStatus.SUCCEEDED)
    return operation.deserialize(serdes, details?.Result);
  const message = details?.Error?.ErrorMessage;
  throw new InvokeError(
    message || "Invoke failed",
    message === undefined ? undefined : new Error(message),
    details?.Error?.ErrorData,
  );
}
