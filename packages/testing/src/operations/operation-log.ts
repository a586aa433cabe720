/**
 * The operations and history events of one test run, in first-appearance order, with change
 * notification so live handles can follow them.
 */
import type { Event, Operation } from "@durably/sdk/protocol";

/** Listener called after every change of the log. */
export type OperationLogListener = () => void;

/** Records what the backend reported for one execution. */
export class OperationLog {
  readonly #byId = new Map<string, Operation>();
  readonly #order: string[] = [];
  #events: Event[] = [];
  readonly #listeners = new Set<OperationLogListener>();
  #completed = false;

  /** Merges changed operation records (new ids are appended in the order given) and new history events. */
  upsert(operations: readonly Operation[], events: readonly Event[] = []): void {
    for (const op of operations) {
      if (!this.#byId.has(op.Id)) this.#order.push(op.Id);
      this.#byId.set(op.Id, op);
    }
    const last = this.lastEventId;
    // Only events after the last one recorded are new, so appending them (sorted) keeps the history
    // ordered without copying or re-sorting it on every change.
    const fresh = events.filter((e) => e.EventId > last).sort((a, b) => a.EventId - b.EventId);
    for (const event of fresh) this.#events.push(event);
    this.#notify();
  }

  /** The highest EventId recorded so far (0 when none). */
  get lastEventId(): number {
    return this.#events.at(-1)?.EventId ?? 0;
  }

  /** Replaces the history events. */
  setEvents(events: readonly Event[]): void {
    this.#events = [...events].sort((a, b) => a.EventId - b.EventId);
    this.#notify();
  }

  /** Marks a run as started on this log (waiters wait again for its updates). */
  begin(): void {
    this.#completed = false;
  }

  /** Marks the run as finished; waiters that can no longer be satisfied give up. */
  complete(): void {
    this.#completed = true;
    this.#notify();
  }

  /** True once the run finished. */
  get isCompleted(): boolean {
    return this.#completed;
  }

  /** All operations in first-appearance order (EXECUTION included). */
  all(): Operation[] {
    const out: Operation[] = [];
    for (const id of this.#order) {
      const op = this.#byId.get(id);
      if (op) out.push(op);
    }
    return out;
  }

  /** Operations except the EXECUTION record, in first-appearance order. */
  userOperations(): Operation[] {
    return this.all().filter((op) => op.Type !== "EXECUTION");
  }

  /** The operation with this id. */
  get(id: string): Operation | undefined {
    return this.#byId.get(id);
  }

  /** The `index`-th operation (0-based) named `name`, in first-appearance order. */
  byName(name: string, index: number): Operation | undefined {
    let seen = 0;
    for (const op of this.userOperations()) {
      if (op.Name !== name) continue;
      if (seen === index) return op;
      seen++;
    }
    return undefined;
  }

  /** The `index`-th user operation; negative indexes count from the end. */
  byIndex(index: number): Operation | undefined {
    const ops = this.userOperations();
    return ops[index < 0 ? ops.length + index : index];
  }

  /** Direct children of an operation, in first-appearance order. */
  children(parentId: string): Operation[] {
    return this.userOperations().filter((op) => op.ParentId === parentId);
  }

  /** History events of one operation. */
  eventsOf(id: string): Event[] {
    return this.#events.filter((e) => e.Id === id);
  }

  /** All history events by EventId. */
  events(): Event[] {
    return [...this.#events];
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: OperationLogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
