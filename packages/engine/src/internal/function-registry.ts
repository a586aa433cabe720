/**
 * The durable functions an engine can run, by name.
 */
import type { DurableFunctionHandler } from "../api/engine-api.ts";
import { NotFoundError } from "../errors/engine-errors.ts";

/** Registered handlers by function name. */
export class FunctionRegistry {
  readonly #handlers = new Map<string, DurableFunctionHandler>();

  /** Registers (or replaces) a function. */
  register(functionName: string, handler: DurableFunctionHandler): void {
    this.#handlers.set(functionName, handler);
  }

  /** The handler of `functionName`, if registered. */
  get(functionName: string): DurableFunctionHandler | undefined {
    return this.#handlers.get(functionName);
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /** The handler of `functionName`, or a NOT_FOUND error naming it and the registered ones. */
  require(functionName: string): DurableFunctionHandler {
    const handler = this.#handlers.get(functionName);
    if (handler !== undefined) return handler;
    throw new NotFoundError("function", functionName, this.describeMissing(functionName));
  }

  /** The message for an unknown function name. */
  describeMissing(functionName: string): string {
    const names = this.names();
    const known =
      names.length === 0
        ? "no function is registered"
        : `registered functions: ${names.join(", ")}`;
    return `No function found for function name "${functionName}" (${known}). Register it with engine.register(name, handler).`;
  }
}
