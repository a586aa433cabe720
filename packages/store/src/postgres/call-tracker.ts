/**
 * The calls a store has in flight: refused with CLOSED once the store closes, and awaited by
 * close() before the pool ends (node-postgres drops requests still waiting for a connection when
 * its pool ends, so a call made before close() would otherwise never settle).
 */
import { closedError } from "../internal/store-errors.ts";

/** Tracks a store's calls. */
export class CallTracker {
  readonly #storeName: string;
  readonly #calls = new Set<Promise<void>>();
  #isClosed = false;

  constructor(storeName: string) {
    this.#storeName = storeName;
  }

  /** Throws CLOSED once the store is closed. */
  check(method: string): void {
    if (this.#isClosed) throw closedError(this.#storeName, method);
  }

  /** Runs `run` as a call of `method`, unless the store is closed. */
  track<T>(method: string, run: () => Promise<T>): Promise<T> {
    if (this.#isClosed) return Promise.reject(closedError(this.#storeName, method));
    const call = run();
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.#calls.add(settled);
    void settled.then(() => this.#calls.delete(settled));
    return call;
  }

  /** Refuses further calls and waits for those in flight; false when it was already closed. */
  async close(): Promise<boolean> {
    if (this.#isClosed) return false;
    this.#isClosed = true;
    await Promise.allSettled(this.#calls);
    return true;
  }
}
