/**
 * Adapts a plain (non-durable) Lambda handler into something the engine can run as an invoke target:
 * it is called once with the parsed input, promise or callback style, and its value or error becomes
 * the execution's outcome without any checkpoint.
 */
import type { DurableFunctionHandler, InvocationContext } from "@durably/engine";
import type { DurableExecutionInvocationOutput, ErrorObject } from "@durably/sdk/protocol";

/** A plain Lambda handler (aws-lambda `Handler`). */
export type PlainHandler = (
  event: any,
  context: any,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

function errorObjectOf(error: unknown): ErrorObject {
  if (error instanceof Error) {
    return {
      ErrorMessage: error.message,
      ErrorType: error.name,
      StackTrace: error.stack?.split("\n"),
    };
  }
  return { ErrorMessage: String(error), ErrorType: "Error" };
}

/** Wraps a plain handler as a durable function handler. */
export function plainFunctionHandler(handler: PlainHandler): DurableFunctionHandler {
  return async (event, context: InvocationContext): Promise<DurableExecutionInvocationOutput> => {
    const input = event.InitialExecutionState.Operations?.[0]?.ExecutionDetails?.InputPayload;
    const parsed: unknown = JSON.parse(input ?? "{}");
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        const returned = handler(parsed, context, (error, result) =>
          error ? reject(error) : resolve(result),
        );
        if (returned && typeof (returned as Promise<unknown>).then === "function")
          (returned as Promise<unknown>).then(resolve, reject);
      });
      return value === undefined
        ? { Status: "SUCCEEDED" }
        : { Status: "SUCCEEDED", Result: JSON.stringify(value) };
    } catch (error) {
      return { Status: "FAILED", Error: errorObjectOf(error) };
    }
  };
}
