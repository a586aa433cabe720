/**
 * Fan-out of engine events to subscribers (live views). A failing listener never breaks the engine.
 */
import type { EngineEvent } from "../api/engine-api.ts";

/** Subscribers of engine events. */
export class EventHub {
  readonly #listeners = new Set<(event: EngineEvent) => void>();

  /** True when someone listens (lets hot paths skip building events). */
  get hasListeners(): boolean {
    return this.#listeners.size > 0;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Delivers `event` to every listener. */
  emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not disturb executions.
      }
    }
  }
}
