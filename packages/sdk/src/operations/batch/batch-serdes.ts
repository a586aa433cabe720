import {
  type ChildContextError,
  DurableOperationError,
  isRebuiltErrorType,
} from "../../errors/durable-operation-error.ts";
import type { ErrorObject } from "../../protocol/wire.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import { type BatchItem, type BatchResult, createBatchResult } from "./batch-result.ts";
import type { CompletionReason } from "./completion-config.ts";

const MAX_CAUSE_DEPTH = 10;

/** An error object that keeps its cause chain. */
interface ErrorObjectWithCause extends ErrorObject {
  Cause?: ErrorObjectWithCause | undefined;
}

interface StoredBatch {
  all: (Omit<BatchItem<unknown>, "error"> & { error?: ErrorObjectWithCause })[];
  completionReason: CompletionReason;
}

/**
 * The default serdes of a map/parallel result (spec/sdk-api.md §8.6): items with their errors as
 * error objects (cause chains included); durable error classes are rebuilt on the way back.
 */
export const batchResultSerdes: Serdes<BatchResult<unknown>> = {
  async serialize(value) {
    if (value === undefined) return undefined;
    const stored: StoredBatch = {
      all: value.all.map((item) => {
        const { error, ...rest } = item;
        return error === undefined ? rest : { ...rest, error: toErrorObjectWithCause(error, 0) };
      }),
      completionReason: value.completionReason,
    };
    return JSON.stringify(stored);
  },
  async deserialize(data) {
    if (data === undefined) return undefined;
    const stored = JSON.parse(data) as StoredBatch;
    const items = stored.all.map((item): BatchItem<unknown> => {
      const { error, ...rest } = item;
      if (error === undefined) return rest;
      return { ...rest, error: fromErrorObjectWithCause(error, 0) as ChildContextError };
    });
    return createBatchResult(items, stored.completionReason);
  },
};

function toErrorObjectWithCause(error: unknown, depth: number): ErrorObjectWithCause {
  const source = error as {
    name?: unknown;
    message?: unknown;
    errorType?: unknown;
    errorData?: unknown;
    cause?: unknown;
  };
  const stored: ErrorObjectWithCause = {
    ErrorType:
      typeof source.errorType === "string"
        ? source.errorType
        : typeof source.name === "string"
          ? source.name
          : "Error",
    ErrorMessage: typeof source.message === "string" ? source.message : "Unknown error",
  };
  if (typeof source.errorData === "string") stored.ErrorData = source.errorData;
  if (typeof source.cause === "object" && source.cause !== null && depth < MAX_CAUSE_DEPTH) {
    stored.Cause = toErrorObjectWithCause(source.cause, depth + 1);
  }
  return stored;
}

function fromErrorObjectWithCause(stored: ErrorObjectWithCause, depth: number): Error {
  const cause =
    stored.Cause !== undefined && depth < MAX_CAUSE_DEPTH
      ? fromErrorObjectWithCause(stored.Cause, depth + 1)
      : undefined;
  if (isRebuiltErrorType(stored.ErrorType)) {
    const error = DurableOperationError.fromErrorObject(stored);
    error.cause = cause;
    return error;
  }
  const error = new Error(stored.ErrorMessage, cause === undefined ? undefined : { cause });
  error.name = stored.ErrorType ?? "Error";
  return error;
}
