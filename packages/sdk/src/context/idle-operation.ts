import type { Operation } from "../protocol/wire.ts";
import type { OperationWatch } from "../replay/operation-watch.ts";
import { OperationLifecycle, type TrackedOperation } from "../replay/suspension-monitor.ts";
import type { OperationHandle } from "./operation-handle.ts";

/**
 * An operation that, once started, only waits for the service to complete it (wait, callback,
 * chained invoke). It counts as idle — not awaited until someone awaits it — so the invocation
 * can suspend on it (spec §13.5).
 */
export class IdleOperation {
  readonly #watch: OperationWatch;
  readonly #tracked: TrackedOperation;
  readonly #dueAt: (record: Operation | undefined) => number | undefined;
  readonly #operation: OperationHandle;

  /** Starts watching `operation` until `isDone`; call after its START was applied. */
  constructor(
    operation: OperationHandle,
    isDone: (record: Operation) => boolean,
    dueAt: (record: Operation | undefined) => number | undefined = () => undefined,
  ) {
    this.#operation = operation;
    this.#dueAt = dueAt;
    this.#tracked = operation.track();
    this.#watch = operation.watch(isDone);
    if (this.#watch.isSettled) {
      this.#tracked.set(OperationLifecycle.COMPLETED);
      return;
    }
    this.#tracked.set(OperationLifecycle.IDLE_NOT_AWAITED);
    void this.#watch.settled.then(() => this.#tracked.set(OperationLifecycle.COMPLETED));
  }

  /** Awaited: polls from the due time and resolves with the completed record. */
  completion(): Promise<Operation> {
    if (!this.#watch.isSettled) {
      this.#tracked.set(OperationLifecycle.IDLE_AWAITED);
      this.#watch.startPolling(this.#dueAt(this.#operation.record));
    }
    return this.#watch.settled;
  }
}
