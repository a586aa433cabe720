import { format } from "node:util";
import { systemTimers } from "../internal/timers.ts";
import type {
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  DurableLogLevel,
} from "./durable-logger.ts";

/** The console methods the default logger writes through. */
export interface LogSink {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** Options of {@link createDefaultLogger}. */
export interface DefaultLoggerOptions {
  /** Minimum level, as in `AWS_LAMBDA_LOG_LEVEL` (TRACE/DEBUG/INFO/WARN/ERROR/FATAL); default DEBUG. */
  level?: string | undefined;
  /** Where lines go; default `console`. */
  sink?: LogSink | undefined;
  /** Extra fields for every record (instrumentation plugins' `enrichLogContext`). */
  enrich?: (() => Record<string, unknown> | undefined) | undefined;
}

const LEVEL_RANK: Record<string, number> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 2,
  WARN: 3,
  ERROR: 4,
  FATAL: 5,
};

/**
 * The logger durable code gets unless it configures one: one JSON line per call with the
 * durable fields (spec/sdk-api.md §9), below the minimum level dropped.
 */
export function createDefaultLogger(options: DefaultLoggerOptions = {}): DurableLogger {
  const minimum = LEVEL_RANK[options.level?.toUpperCase() ?? "DEBUG"] ?? LEVEL_RANK.DEBUG ?? 1;
  const sink = options.sink ?? console;
  let logData: (() => DurableLogData) | undefined;
  const write = (level: DurableLogLevel, params: unknown[]): void => {
    if ((LEVEL_RANK[level] ?? 0) < minimum) return;
    const line = formatLogLine(level, logData?.(), params, extraFields(options.enrich));
    if (level === "DEBUG") sink.debug(line);
    else if (level === "INFO") sink.info(line);
    else if (level === "WARN") sink.warn(line);
    else sink.error(line);
  };
  return {
    log: (level, ...params) => write(level, params),
    debug: (...params) => write("DEBUG", params),
    info: (...params) => write("INFO", params),
    warn: (...params) => write("WARN", params),
    error: (...params) => write("ERROR", params),
    configureDurableLoggingContext(context: DurableLoggingContext) {
      logData = context.getDurableLogData;
    },
  };
}

/** One JSON log line: durable fields first, then `extra`, then the message (Errors expanded). */
export function formatLogLine(
  level: DurableLogLevel,
  data: DurableLogData | undefined,
  params: unknown[],
  extra?: Record<string, unknown>,
): string {
  const record: Record<string, unknown> = {
    requestId: data?.requestId,
    timestamp: new Date(systemTimers.now()).toISOString(),
    level,
    executionArn: data?.executionArn,
  };
  if (data?.tenantId !== undefined) record.tenantId = data.tenantId;
  if (data?.operationId !== undefined) record.operationId = data.operationId;
  if (data?.operationName !== undefined) record.operationName = data.operationName;
  if (data?.attempt !== undefined) record.attempt = data.attempt;
  if (extra !== undefined) Object.assign(record, extra);
  if (params.length === 1) {
    record.message = params[0];
    try {
      return JSON.stringify(record, expandErrors);
    } catch {
      // Circular or BigInt values: fall back to the inspected text.
      record.message = format(params[0]);
      return JSON.stringify(record);
    }
  }
  record.message = format(...params);
  const error = params.find((param) => param instanceof Error);
  if (error instanceof Error) Object.assign(record, errorFields(error));
  return JSON.stringify(record);
}

function extraFields(
  enrich: (() => Record<string, unknown> | undefined) | undefined,
): Record<string, unknown> | undefined {
  if (enrich === undefined) return undefined;
  try {
    return enrich();
  } catch {
    return undefined; // Enrichment must never break logging.
  }
}

function expandErrors(_key: string, value: unknown): unknown {
  return value instanceof Error ? Object.assign(errorFields(value), value) : value;
}

function errorFields(error: Error): Record<string, unknown> {
  return {
    errorType: error.constructor?.name ?? error.name,
    errorMessage: error.message,
    stackTrace: typeof error.stack === "string" ? error.stack.split("\n") : [],
  };
}
