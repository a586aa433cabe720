import { noop } from "../internal/never.ts";
import type { CustomerFn, DurableInstrumentationPlugin } from "./durable-instrumentation-plugin.ts";

/** The hooks that report something and are awaited. */
export type NotifyHook =
  | "onInvocationStart"
  | "onInvocationEnd"
  | "onOperationStart"
  | "onOperationEnd"
  | "onOperationAttemptStart"
  | "onOperationAttemptEnd"
  | "onOperationChange";

/** The hooks that wrap a function. */
export type WrapHook = "wrapInvocation" | "wrapChildContextFn" | "wrapOperationAttemptFn";

/** The info a hook receives. */
export type InfoOf<H extends NotifyHook | WrapHook> = Parameters<
  NonNullable<DurableInstrumentationPlugin[H]>
>[0];

type AnyWrapper = (info: unknown, next: CustomerFn) => unknown;

/**
 * Dispatches hooks to the plugins of one wrapped handler, so that no plugin can affect the
 * execution: what a hook throws or rejects with is swallowed, and a wrapper cannot change, repeat
 * or skip the function it wraps.
 */
export class PluginRunner {
  readonly #plugins: readonly DurableInstrumentationPlugin[];

  constructor(plugins: readonly DurableInstrumentationPlugin[]) {
    this.#plugins = plugins;
  }

  /** True when some plugin implements `hook`. */
  has(hook: NotifyHook | WrapHook | "enrichLogContext"): boolean {
    return this.#plugins.some((plugin) => typeof plugin[hook] === "function");
  }

  /** Calls `hook` on every plugin at once and waits until all of them settled. */
  async notify<H extends NotifyHook>(hook: H, info: InfoOf<H>): Promise<void> {
    await Promise.allSettled(
      this.#plugins.map(async (plugin) => {
        const method = plugin[hook] as ((info: InfoOf<H>) => unknown) | undefined;
        if (typeof method === "function") await method.call(plugin, info);
      }),
    );
  }

  /**
   * Runs `fn` inside the wrappers of every plugin implementing `hook`, the first plugin outermost.
   * `fn` runs exactly once (after the wrappers, if none of them called it) and its own outcome is
   * what this returns, whatever the wrappers returned or threw; the wrappers are awaited first.
   */
  async wrap<T>(hook: WrapHook, info: InfoOf<typeof hook>, fn: () => T | Promise<T>): Promise<T> {
    const wrappers = this.#plugins.filter((plugin) => typeof plugin[hook] === "function");
    if (wrappers.length === 0) return fn();
    let called: Promise<T> | undefined;
    const once = (): Promise<T> => {
      if (called === undefined) {
        called = (async () => fn())();
        called.then(undefined, noop);
      }
      return called;
    };
    const chain = wrappers.reduceRight<CustomerFn>(
      (next, plugin) => () => {
        try {
          return (plugin[hook] as AnyWrapper).call(plugin, info, next);
        } catch {
          return next();
        }
      },
      once,
    );
    try {
      await chain();
    } catch {
      // A wrapper's own failure (or fn's, rethrown by a wrapper): fn's outcome is used below.
    }
    return once();
  }

  /** The fields every plugin adds to log records; a throwing plugin adds none. */
  enrichLogContext(): Record<string, string | number | boolean> {
    const fields: Record<string, string | number | boolean> = {};
    for (const plugin of this.#plugins) {
      try {
        Object.assign(fields, plugin.enrichLogContext?.());
      } catch {
        // A plugin must never break logging.
      }
    }
    return fields;
  }
}
