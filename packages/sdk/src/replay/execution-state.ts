import type { Operation, OperationStatus, WireOperation } from "../protocol/wire.ts";
import { normaliseOperation } from "./normalise-operation.ts";

type Listener = (operation: Operation) => void;

/**
 * The operation records an invocation knows, by wire id: loaded at start, then merged from every
 * checkpoint response. Code waiting on an operation subscribes with {@link watch} and is told when
 * a response changes it (a timer fired, a callback completed), so nothing ever scans the records.
 */
export class ExecutionState {
  readonly #operations = new Map<string, Operation>();
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(operations: readonly Operation[]) {
    for (const operation of operations) this.#operations.set(operation.Id, operation);
  }

  /** The record with this wire id. */
  get(id: string): Operation | undefined {
    return this.#operations.get(id);
  }

  /** How many records are known. */
  get size(): number {
    return this.#operations.size;
  }

  /** Every record, in the order first seen. */
  values(): IterableIterator<Operation> {
    return this.#operations.values();
  }

  /**
   * Stores changed records, then tells their listeners. Returns the records whose status changed
   * (new ones included).
   */
  merge(changed: readonly WireOperation[] | undefined): Operation[] {
    if (changed === undefined || changed.length === 0) return [];
    const stored: Operation[] = [];
    const statusChanged: Operation[] = [];
    for (const wire of changed) {
      const operation = normaliseOperation(wire);
      if (this.#operations.get(operation.Id)?.Status !== operation.Status)
        statusChanged.push(operation);
      this.#operations.set(operation.Id, operation);
      if (this.#listeners.has(operation.Id)) stored.push(operation);
    }
    for (const operation of stored) {
      const listeners = this.#listeners.get(operation.Id);
      if (listeners !== undefined)
        for (const listener of Array.from(listeners)) listener(operation);
    }
    return statusChanged;
  }

  /** Calls `listener` whenever the record changes; returns the unsubscribe function. */
  watch(id: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(id);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(id, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.#listeners.get(id);
      if (current?.delete(listener) && current.size === 0) this.#listeners.delete(id);
    };
  }
}

/** SUCCEEDED or FAILED: the statuses after which replay returns a recorded outcome. */
export function isCompletedStatus(status: OperationStatus | undefined): boolean {
  return status === "SUCCEEDED" || status === "FAILED";
}

/** Any status after which an operation never changes again. */
export function isTerminalStatus(status: OperationStatus | undefined): boolean {
  return (
    status === "SUCCEEDED" ||
    status === "FAILED" ||
    status === "TIMED_OUT" ||
    status === "STOPPED" ||
    status === "CANCELLED"
  );
}
