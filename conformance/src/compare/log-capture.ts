/**
 * Captures what a run writes through `console` (the SDK's default logger and plugins write JSON
 * lines there) as log records, without printing it.
 */
import { format } from "node:util";
import type { LogRecord } from "./match-logs.ts";

const methods = ["log", "info", "warn", "error", "debug"] as const;

/** Starts capturing; the returned function stops and yields the records. */
export function captureConsole(): () => LogRecord[] {
  const records: LogRecord[] = [];
  const saved = methods.map((m) => [m, console[m]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) => {
      const first = args[0];
      if (args.length === 1 && first && typeof first === "object") {
        records.push(first as LogRecord);
        return;
      }
      const text = format(...args);
      try {
        const parsed = JSON.parse(text) as unknown;
        records.push(
          parsed && typeof parsed === "object" ? (parsed as LogRecord) : { message: text },
        );
      } catch {
        records.push({ message: text });
      }
    };
  }
  return () => {
    for (const [method, fn] of saved) console[method] = fn;
    return records;
  };
}
