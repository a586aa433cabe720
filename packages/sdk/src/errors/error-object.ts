import type { ErrorObject } from "../protocol/wire.ts";
import { DurableOperationError } from "./durable-operation-error.ts";

/**
 * The wire form of anything thrown (spec/sdk-api.md §12.3): durable errors serialise themselves,
 * Error-likes keep name and message, anything else is an unknown error.
 */
export function errorObjectOf(thrown: unknown): ErrorObject {
  if (thrown instanceof DurableOperationError) return thrown.toErrorObject();
  if (isErrorLike(thrown)) {
    return {
      ErrorType: thrown.name,
      ErrorMessage: thrown.message,
      ErrorData: undefined,
      StackTrace: undefined,
    };
  }
  return { ErrorMessage: "Unknown error" };
}

/** An `Error` or an object that looks like one. */
export function isErrorLike(value: unknown): value is { name: string; message: string } {
  return (
    value instanceof Error ||
    (typeof value === "object" && value !== null && "message" in value && "name" in value)
  );
}
