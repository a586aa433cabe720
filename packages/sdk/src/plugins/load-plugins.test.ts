import { describe, expect, test } from "vitest";
import { PluginLoadError } from "../errors/plugin-load-error.ts";
import type { DurableInstrumentationPlugin } from "./durable-instrumentation-plugin.ts";
import { loadPlugins, type ModuleImporter } from "./load-plugins.ts";

class TracingPlugin implements DurableInstrumentationPlugin {
  readonly label: string;
  constructor(label: string) {
    this.label = label;
  }
  async onInvocationStart(): Promise<void> {}
}

/** A module exporting a valid provider of TracingPlugin. */
function providerModule(label: string, overrides: Record<string, unknown> = {}): unknown {
  return {
    durableExecutionPluginProvider: {
      pluginApiVersion: 1,
      pluginType: TracingPlugin,
      createPlugin: () => new TracingPlugin(label),
      ...overrides,
    },
  };
}

function importerOf(modules: Record<string, unknown>): ModuleImporter {
  return async (specifier) => {
    if (!(specifier in modules)) throw new Error(`Cannot find module '${specifier}'`);
    return modules[specifier];
  };
}

async function loadError(
  variable: string,
  modules: Record<string, unknown> = {},
): Promise<PluginLoadError> {
  const error = await loadPlugins(undefined, {
    environment: { DURABLE_EXECUTION_PLUGINS: variable },
    importModule: importerOf(modules),
  }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PluginLoadError);
  return error as PluginLoadError;
}

describe("loadPlugins", () => {
  test("keeps the configured plugins when the variable is unset or blank", async () => {
    const configured = [new TracingPlugin("configured")];
    expect(await loadPlugins(configured, { environment: {} })).toEqual(configured);
    expect(
      await loadPlugins(undefined, { environment: { DURABLE_EXECUTION_PLUGINS: "  " } }),
    ).toEqual([]);
  });

  test("adds one plugin per listed module, after the configured ones, in listed order", async () => {
    const plugins = await loadPlugins([new TracingPlugin("configured")], {
      environment: { DURABLE_EXECUTION_PLUGINS: "tracer-b, @scope/tracer-a" },
      importModule: importerOf({
        "tracer-b": providerModule("b"),
        // A provider found under the default export (a CommonJS module) is accepted too.
        "@scope/tracer-a": { default: providerModule("a") },
      }),
    });
    expect(plugins.map((plugin) => (plugin as TracingPlugin).label)).toEqual([
      "configured",
      "b",
      "a",
    ]);
  });

  test("rejects empty and duplicate entries", async () => {
    expect((await loadError("a,,b")).message).toContain("non-empty module specifiers");
    expect((await loadError("a, a")).message).toContain("lists the module 'a' more than once");
  });

  test("wraps a module that cannot be imported, keeping the cause", async () => {
    const error = await loadError("missing-plugin");
    expect(error.message).toBe(
      "Dynamic plugin configuration failed: Failed to load plugin module 'missing-plugin': " +
        "Cannot find module 'missing-plugin'",
    );
    expect((error.cause as Error).message).toBe("Cannot find module 'missing-plugin'");
  });

  test("names what is wrong with a provider", async () => {
    const cases: [unknown, string][] = [
      [{}, "must export 'durableExecutionPluginProvider'"],
      [
        { ...(providerModule("x") as object), default: providerModule("y") },
        "exports two different 'durableExecutionPluginProvider' values",
      ],
      [{ durableExecutionPluginProvider: 3 }, "is not an object"],
      [providerModule("x", { pluginApiVersion: 2 }), "declares plugin API version '2'"],
      [providerModule("x", { pluginType: {} }), "must declare a class as 'pluginType'"],
      [providerModule("x", { createPlugin: undefined }), "must define 'createPlugin()'"],
      [
        providerModule("x", {
          createPlugin: () => {
            throw new Error("no exporter configured");
          },
        }),
        "failed to create its plugin: no exporter configured",
      ],
      [
        providerModule("x", { createPlugin: () => ({}) }),
        "declared plugin type 'TracingPlugin' but created 'Object'",
      ],
    ];
    for (const [module, message] of cases) {
      expect((await loadError("plugin", { plugin: module })).message).toContain(message);
    }
  });

  test("the default importer loads modules by specifier and reports missing ones", async () => {
    const error = await loadPlugins(undefined, {
      environment: { DURABLE_EXECUTION_PLUGINS: "node:os" },
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("Plugin module 'node:os' must export");
    const missing = await loadPlugins(undefined, {
      environment: { DURABLE_EXECUTION_PLUGINS: "@durably/no-such-plugin", LAMBDA_TASK_ROOT: "/" },
    }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(PluginLoadError);
    expect((missing as Error).message).toContain("'@durably/no-such-plugin'");
  });
});
