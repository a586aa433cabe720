import type { DurableContextLogger, DurableLogger, DurableLogLevel } from "./durable-logger.ts";

/** Where a context logger finds its current logger and whether to drop calls right now. */
export interface ContextLoggerSource {
  /** The logger configured on the context (replaced by `configureLogger`). */
  currentLogger(): DurableLogger;
  /** True when the calling code is replaying and the logger is mode-aware. */
  isSuppressed(): boolean;
}

/**
 * `context.logger`: forwards to the context's current logger unless the call happens during
 * replay (spec/sdk-api.md §9). `log` exists only when the underlying logger has it.
 */
export function createContextLogger<L extends DurableLogger>(
  source: ContextLoggerSource,
): DurableContextLogger<L> {
  const logger = {
    debug(...params: unknown[]): void {
      if (!source.isSuppressed()) source.currentLogger().debug(...params);
    },
    info(...params: unknown[]): void {
      if (!source.isSuppressed()) source.currentLogger().info(...params);
    },
    warn(...params: unknown[]): void {
      if (!source.isSuppressed()) source.currentLogger().warn(...params);
    },
    error(...params: unknown[]): void {
      if (!source.isSuppressed()) source.currentLogger().error(...params);
    },
  };
  Object.defineProperty(logger, "log", {
    enumerable: true,
    get() {
      const target = source.currentLogger();
      if (typeof target.log !== "function") return undefined;
      return (level: DurableLogLevel, ...params: unknown[]): void => {
        if (!source.isSuppressed()) target.log?.(level, ...params);
      };
    },
  });
  return logger as DurableContextLogger<L>;
}
