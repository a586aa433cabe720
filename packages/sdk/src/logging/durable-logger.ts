/** Logger types of the durable context (spec/sdk-api.md §9). */

/** Log levels a durable logger receives. */
export type DurableLogLevel = "INFO" | "WARN" | "ERROR" | "DEBUG";

/** What durable code logs through: console-like, optionally level-dispatching and context-aware. */
export interface DurableLogger {
  log?(level: DurableLogLevel, ...params: unknown[]): void;
  error(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  info(...params: unknown[]): void;
  debug(...params: unknown[]): void;
  /** Called by the SDK so the logger can read {@link DurableLogData} when it writes. */
  configureDurableLoggingContext?(context: DurableLoggingContext): void;
}

/** The logging methods a context exposes (`log` only when the underlying logger has it). */
export type DurableContextLogger<L extends DurableLogger = DurableLogger> = Pick<
  L,
  "log" | "warn" | "info" | "error" | "debug"
>;

/** Gives a logger access to the durable fields of the code that is logging. */
export interface DurableLoggingContext {
  getDurableLogData: () => DurableLogData;
}

/** Durable fields of a log record. */
export interface DurableLogData {
  requestId: string;
  executionArn: string;
  tenantId?: string | undefined;
  /** Hashed id of the active operation; absent at the root. */
  operationId?: string | undefined;
  operationName?: string | undefined;
  /** Attempt number, inside step bodies. */
  attempt?: number | undefined;
  [key: string]: unknown;
}

/** Options of `context.configureLogger`. */
export interface LoggerConfig<L extends DurableLogger = DurableLogger> {
  customLogger?: L | undefined;
  /** Drop log calls made while replaying (default true). */
  modeAware?: boolean | undefined;
}
