import type {
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableLambdaHandler,
} from "../../handler/durable-execution-config.ts";
import type { InvocationServices } from "../../handler/run-invocation.ts";
import { createDurableLambdaHandler } from "../../handler/with-durable-execution.ts";
import type { LogSink } from "../../logging/default-logger.ts";
import { systemTimers } from "../timers.ts";

/** Lines the default logger wrote, by console method. */
export interface CapturedLogs extends LogSink {
  readonly lines: { method: string; record: Record<string, unknown> }[];
}

/** A log sink that keeps parsed lines. */
export function captureLogs(): CapturedLogs {
  const lines: { method: string; record: Record<string, unknown> }[] = [];
  const keep = (method: string) => (line: string) =>
    lines.push({ method, record: JSON.parse(line) as Record<string, unknown> });
  return {
    lines,
    debug: keep("debug"),
    info: keep("info"),
    warn: keep("warn"),
    error: keep("error"),
  };
}

/** A Lambda handler for tests: real timers unless given, logs captured (silent) unless given. */
export function durableHandler(
  handler: DurableExecutionHandler<any, any>,
  services: Partial<InvocationServices> = {},
  config?: DurableExecutionConfig,
): DurableLambdaHandler {
  return createDurableLambdaHandler(handler, config, {
    timers: systemTimers,
    logSink: captureLogs(),
    ...services,
  });
}
