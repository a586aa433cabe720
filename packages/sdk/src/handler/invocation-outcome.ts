import type { InvocationRuntime } from "../context/invocation-runtime.ts";
import { errorObjectOf } from "../errors/error-object.ts";
import { CheckpointFailedError, SerdesFailedError } from "../errors/unrecoverable-errors.ts";
import {
  type DurableExecutionInvocationOutput,
  OperationAction,
  OperationType,
} from "../protocol/wire.ts";
import { hashOperationId } from "../replay/operation-id.ts";
import {
  isSuspendReason,
  TerminationReason,
  type TerminationResult,
} from "../replay/termination.ts";

/** Largest handler result returned inline; larger ones are checkpointed on the EXECUTION operation. */
export const MAX_INLINE_RESULT_BYTES: number = 6 * 1024 * 1024 - 50;

/** The output for a handler that returned `value` (spec/sdk-api.md §2 step 7). */
export async function outcomeOfResult(
  runtime: InvocationRuntime,
  value: unknown,
): Promise<DurableExecutionInvocationOutput> {
  runtime.monitor.stop();
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return outcomeOfError(runtime, error);
  }
  if (json !== undefined && Buffer.byteLength(json, "utf8") > MAX_INLINE_RESULT_BYTES) {
    void runtime.batcher.checkpointFinal({
      Id: hashOperationId(`execution-result-${runtime.timers.now()}`),
      Type: OperationType.EXECUTION,
      Action: OperationAction.SUCCEED,
      Payload: json,
    });
    await persistQueued(runtime);
    return { Status: "SUCCEEDED", Result: "" };
  }
  runtime.batcher.beginTermination();
  await persistQueued(runtime);
  return json === undefined ? { Status: "SUCCEEDED" } : { Status: "SUCCEEDED", Result: json };
}

/** The output for a handler that threw `error`. */
export async function outcomeOfError(
  runtime: InvocationRuntime,
  error: unknown,
): Promise<DurableExecutionInvocationOutput> {
  runtime.monitor.stop();
  runtime.batcher.beginTermination();
  await persistQueued(runtime);
  if (error instanceof CheckpointFailedError || error instanceof SerdesFailedError) throw error;
  return { Status: "FAILED", Error: errorObjectOf(error) };
}

/** The output (or thrown error) for an invocation terminated before its handler finished. */
export async function outcomeOfTermination(
  runtime: InvocationRuntime,
  termination: TerminationResult,
): Promise<DurableExecutionInvocationOutput> {
  if (isSuspendReason(termination.reason)) return { Status: "PENDING" };
  if (termination.reason === TerminationReason.CHECKPOINT_FAILED) throw termination.error;
  // Updates queued before the violation (e.g. a child's START) are still persisted.
  await persistQueued(runtime);
  if (termination.reason === TerminationReason.SERDES_FAILED) throw termination.error;
  return { Status: "FAILED", Error: errorObjectOf(termination.error) };
}

async function persistQueued(runtime: InvocationRuntime): Promise<void> {
  await runtime.batcher.drain();
  const failure = runtime.batcher.failure;
  if (failure !== undefined) throw failure;
}
