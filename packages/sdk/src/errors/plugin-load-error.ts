/** An instrumentation plugin could not be loaded. */
export class PluginLoadError extends Error {
  override name: string = "PluginLoadError";
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
