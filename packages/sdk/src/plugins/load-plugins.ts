import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PluginLoadError } from "../errors/plugin-load-error.ts";
import type {
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
} from "./durable-instrumentation-plugin.ts";
import { DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION } from "./plugin-statuses.ts";

/** The environment variable naming plugin modules, comma-separated. */
export const PLUGIN_ENVIRONMENT_VARIABLE = "DURABLE_EXECUTION_PLUGINS";
/** The export a plugin module provides. */
export const PLUGIN_PROVIDER_EXPORT = "durableExecutionPluginProvider";

/** Imports a module by specifier. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** Where {@link loadPlugins} looks. */
export interface LoadPluginsOptions {
  /** Default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** Default: `import()`, then resolution from the application root (`LAMBDA_TASK_ROOT` or cwd). */
  readonly importModule?: ModuleImporter | undefined;
}

/**
 * The plugins of a wrapped handler: the configured ones in their order, then one per module named
 * in `DURABLE_EXECUTION_PLUGINS`, in the order listed. Anything wrong with a listed module — not
 * found, failing, no valid provider, wrong API version, a plugin of the wrong class — rejects with
 * a {@link PluginLoadError}.
 */
export async function loadPlugins(
  configured: readonly DurableInstrumentationPlugin[] | undefined,
  options: LoadPluginsOptions = {},
): Promise<DurableInstrumentationPlugin[]> {
  const plugins = [...(configured ?? [])];
  const environment = options.environment ?? process.env;
  const specifiers = listedSpecifiers(environment[PLUGIN_ENVIRONMENT_VARIABLE]);
  if (specifiers.length === 0) return plugins;
  const importModule = options.importModule ?? defaultImporter(environment);
  for (const specifier of specifiers) {
    let loaded: unknown;
    try {
      loaded = await importModule(specifier);
    } catch (error) {
      throw new PluginLoadError(
        `Failed to load plugin module '${specifier}': ${messageOf(error)}`,
        { cause: error },
      );
    }
    plugins.push(createPlugin(specifier, providerOf(specifier, loaded)));
  }
  return plugins;
}

function listedSpecifiers(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [];
  const specifiers = value.split(",").map((specifier) => specifier.trim());
  if (specifiers.includes("")) {
    throw new PluginLoadError(
      `${PLUGIN_ENVIRONMENT_VARIABLE} must list non-empty module specifiers separated by commas.`,
    );
  }
  const duplicate = specifiers.find((specifier, index) => specifiers.indexOf(specifier) !== index);
  if (duplicate !== undefined) {
    throw new PluginLoadError(
      `${PLUGIN_ENVIRONMENT_VARIABLE} lists the module '${duplicate}' more than once.`,
    );
  }
  return specifiers;
}

/**
 * `import()` resolves bare specifiers from the SDK's own location; a plugin installed with the
 * application (or in a layer) is found by resolving it from the application root instead.
 */
function defaultImporter(
  environment: Readonly<Record<string, string | undefined>>,
): ModuleImporter {
  const root = environment.LAMBDA_TASK_ROOT?.trim() || process.cwd();
  const requireFromApplication = createRequire(join(root, "package.json"));
  return async (specifier) => {
    try {
      return await import(specifier);
    } catch (error) {
      if (!isBareSpecifier(specifier) || !isModuleNotFound(error)) throw error;
      return import(pathToFileURL(requireFromApplication.resolve(specifier)).href);
    }
  };
}

function isBareSpecifier(specifier: string): boolean {
  return !/^(?:\.|\/|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier);
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

function providerOf(specifier: string, loaded: unknown): DurableInstrumentationPluginProvider {
  if (!isObject(loaded)) {
    throw new PluginLoadError(`Plugin module '${specifier}' did not load as a module namespace.`);
  }
  const direct = loaded[PLUGIN_PROVIDER_EXPORT];
  const nested = isObject(loaded.default) ? loaded.default[PLUGIN_PROVIDER_EXPORT] : undefined;
  const found = [...new Set([direct, nested].filter((candidate) => candidate !== undefined))];
  if (found.length === 0) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' must export '${PLUGIN_PROVIDER_EXPORT}'.`,
    );
  }
  if (found.length > 1) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' exports two different '${PLUGIN_PROVIDER_EXPORT}' values.`,
    );
  }
  const provider = found[0];
  if (!isObject(provider)) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' exports a provider that is not an object.`,
    );
  }
  if (provider.pluginApiVersion !== DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      `Plugin provider '${specifier}' declares plugin API version '${String(provider.pluginApiVersion)}', ` +
        `but this SDK supports version ${DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION}. ` +
        "Install compatible versions of the SDK and the plugin.",
    );
  }
  const pluginType = provider.pluginType;
  if (
    typeof pluginType !== "function" ||
    !isObject((pluginType as { prototype?: unknown }).prototype)
  ) {
    throw new PluginLoadError(
      `Plugin provider '${specifier}' must declare a class as 'pluginType'.`,
    );
  }
  if (typeof provider.createPlugin !== "function") {
    throw new PluginLoadError(`Plugin provider '${specifier}' must define 'createPlugin()'.`);
  }
  return provider as unknown as DurableInstrumentationPluginProvider;
}

function createPlugin(
  specifier: string,
  provider: DurableInstrumentationPluginProvider,
): DurableInstrumentationPlugin {
  let plugin: unknown;
  try {
    plugin = provider.createPlugin();
  } catch (error) {
    throw new PluginLoadError(
      `Plugin provider '${specifier}' failed to create its plugin: ${messageOf(error)}`,
      { cause: error },
    );
  }
  if (!(plugin instanceof provider.pluginType)) {
    const actual =
      plugin === null || plugin === undefined
        ? String(plugin)
        : ((plugin as { constructor?: { name?: string } }).constructor?.name ?? typeof plugin);
    throw new PluginLoadError(
      `Plugin provider '${specifier}' declared plugin type '${provider.pluginType.name}' but created '${actual}'.`,
    );
  }
  return plugin as DurableInstrumentationPlugin;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
