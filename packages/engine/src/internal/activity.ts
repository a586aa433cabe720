/**
 * Counts the engine's in-flight work (invocations, timer firing, claims, API writes) so the engine
 * can tell when it is idle — the signal `whenIdle` and virtual-time auto-advance are built on.
 */

/** In-flight work counter with a "became quiet" notification. */
export class Activity {
  #busy = 0;
  #onQuiet: () => void = () => undefined;

  /** Number of tracked tasks still running. */
  get busyCount(): number {
    return this.#busy;
  }

  /** Sets the function called (synchronously) whenever the last tracked task settles. */
  setQuietListener(listener: () => void): void {
    this.#onQuiet = listener;
  }

  /** Tracks `task` until it settles; returns it. */
  track<T>(task: Promise<T>): Promise<T> {
    this.#busy++;
    return task.finally(() => {
      this.#busy--;
      if (this.#busy === 0) this.#onQuiet();
    });
  }

  /** Runs `work` as a tracked task whose failure is reported to `onError` instead of rejecting. */
  run(work: () => Promise<void>, onError: (error: unknown) => void): void {
    void this.track(
      (async () => {
        try {
          await work();
        } catch (error) {
          onError(error);
        }
      })(),
    );
  }
}
