/**
 * The promise every context method returns (spec/sdk-api.md §10). Its executor runs on the first
 * `then`/`catch`/`finally` (the first `await`), once. For durable operations the executor only
 * joins work that started at call time.
 */
export class DurablePromise<T> implements Promise<T> {
  #executor: (() => Promise<T>) | undefined;
  #promise: Promise<T> | undefined;

  constructor(executor: () => Promise<T>) {
    this.#executor = executor;
  }

  /** True once `then`, `catch` or `finally` was called. */
  get isExecuted(): boolean {
    return this.#promise !== undefined;
  }

  get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  // oxlint-disable-next-line unicorn/no-thenable -- a DurablePromise is awaited like any promise
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // oxlint-disable-next-line typescript/no-explicit-any -- same as Promise: handlers may type the reason
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#execute().then(onfulfilled, onrejected);
  }

  // oxlint-disable-next-line typescript/no-explicit-any -- same as Promise: handlers may type the reason
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#execute().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#execute().finally(onfinally);
  }

  #execute(): Promise<T> {
    if (this.#promise === undefined) {
      const executor = this.#executor as () => Promise<T>;
      this.#executor = undefined;
      try {
        this.#promise = Promise.resolve(executor());
      } catch (error) {
        this.#promise = Promise.reject(error);
      }
    }
    return this.#promise;
  }
}
