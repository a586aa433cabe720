/** An instrumentation plugin named in `DURABLE_EXECUTION_PLUGINS` could not be loaded. */
export class PluginLoadError extends Error {
  override name: string = "PluginLoadError";
  constructor(message: string, options?: ErrorOptions) {
    super(`Dynamic plugin configuration failed: ${message}`, options);
  }
}
