/**
 * Converting thrown values into the wire `ErrorObject`.
 */
import type { ErrorObject } from "@durably/sdk/protocol";

/** The ErrorObject of a thrown value (name, message, stack lines). */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof Error) {
    const result: ErrorObject = { ErrorType: error.name, ErrorMessage: error.message };
    if (error.stack !== undefined)
      result.StackTrace = error.stack
        .split("\n")
        .slice(1)
        .map((line) => line.trim());
    return result;
  }
  return { ErrorType: "Error", ErrorMessage: typeof error === "string" ? error : safeJson(error) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
