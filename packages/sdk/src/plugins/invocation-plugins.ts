import type { InfoOf, NotifyHook, PluginRunner, WrapHook } from "./plugin-runner.ts";

/** What {@link InvocationPlugins} needs from the invocation. */
export interface InvocationPluginsOptions {
  readonly runner: PluginRunner;
  /** `UpdatedOperationIds` of the invocation event. */
  readonly updatedOperationIds: readonly string[] | undefined;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Keeps the invocation from suspending until the returned function is called. */
  hold(): () => void;
  /** True once the invocation returned. */
  isClosed(): boolean;
}

/**
 * The plugins as one invocation uses them: no hook is called once the invocation returned, and
 * the invocation does not suspend while it awaits a hook.
 */
export class InvocationPlugins {
  readonly #options: InvocationPluginsOptions;
  readonly #updated: ReadonlySet<string>;

  constructor(options: InvocationPluginsOptions) {
    this.#options = options;
    this.#updated = new Set(options.updatedOperationIds ?? []);
  }

  /** True when some plugin implements `hook`. */
  has(hook: NotifyHook | WrapHook): boolean {
    return this.#options.runner.has(hook);
  }

  /** Calls `hook` on every plugin and waits until all of them settled. */
  async notify<H extends NotifyHook>(hook: H, info: InfoOf<H>): Promise<void> {
    if (this.#options.isClosed() || !this.#options.runner.has(hook)) return;
    const release = this.#options.hold();
    try {
      await this.#options.runner.notify(hook, info);
    } finally {
      release();
    }
  }

  /** Runs `fn` inside the plugins' `hook` wrappers. */
  wrap<T>(hook: WrapHook, info: InfoOf<WrapHook>, fn: () => T | Promise<T>): Promise<T> {
    return this.#options.runner.wrap(hook, info, fn);
  }

  /** True when the service changed this operation since the previous invocation. */
  isUpdatedSincePreviousInvocation(id: string): boolean {
    return this.#updated.has(id);
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#options.now();
  }
}
