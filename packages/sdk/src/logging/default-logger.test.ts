import { describe, expect, test } from "vitest";
import { captureLogs } from "../internal/testing/test-handler.ts";
import { createDefaultLogger, formatLogLine } from "./default-logger.ts";

const data = { requestId: "r", executionArn: "arn" };

describe("default logger", () => {
  test("writes one JSON line per call through the matching console method", () => {
    const sink = captureLogs();
    const logger = createDefaultLogger({ sink });
    logger.configureDurableLoggingContext?.({ getDurableLogData: () => data });
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    logger.log?.("INFO", "via log");
    expect(sink.lines.map((line) => [line.method, line.record.level, line.record.message])).toEqual(
      [
        ["debug", "DEBUG", "d"],
        ["info", "INFO", "i"],
        ["warn", "WARN", "w"],
        ["error", "ERROR", "e"],
        ["info", "INFO", "via log"],
      ],
    );
    expect(sink.lines[0]?.record).toMatchObject({ requestId: "r", executionArn: "arn" });
    expect(Date.parse(sink.lines[0]?.record.timestamp as string)).not.toBeNaN();
  });

  test.each([
    ["INFO", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["ERROR", ["error"]],
    ["DEBUG", ["debug", "info", "warn", "error"]],
    ["TRACE", ["debug", "info", "warn", "error"]],
    [undefined, ["debug", "info", "warn", "error"]],
    ["nonsense", ["debug", "info", "warn", "error"]],
  ])("minimum level %s", (level, expected) => {
    const sink = captureLogs();
    const logger = createDefaultLogger({ level, sink });
    logger.debug("x");
    logger.info("x");
    logger.warn("x");
    logger.error("x");
    expect(sink.lines.map((line) => line.method)).toEqual(expected);
  });

  test("a single argument is kept as is; a single Error is expanded", () => {
    expect(JSON.parse(formatLogLine("INFO", data, [{ a: 1 }])).message).toEqual({ a: 1 });
    const error = Object.assign(new TypeError("bad"), { code: 42 });
    const message = JSON.parse(formatLogLine("ERROR", data, [error])).message;
    expect(message).toMatchObject({ errorType: "TypeError", errorMessage: "bad", code: 42 });
    expect(message.stackTrace[0]).toBe("TypeError: bad");
  });

  test("several arguments are formatted; the first Error adds its fields", () => {
    const record = JSON.parse(
      formatLogLine("WARN", data, ["%s has %d", "order", 3, new RangeError("r")]),
    );
    expect(record.message).toMatch(/^order has 3 RangeError: r/);
    expect(record).toMatchObject({ errorType: "RangeError", errorMessage: "r" });
  });

  test("circular values fall back to inspected text", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(JSON.parse(formatLogLine("INFO", data, [circular])).message).toContain("[Circular");
  });

  test("field order puts the durable fields before the message", () => {
    const line = formatLogLine(
      "INFO",
      { ...data, tenantId: "t", operationId: "o", operationName: "n", attempt: 2 },
      ["m"],
    );
    expect(Object.keys(JSON.parse(line))).toEqual([
      "requestId",
      "timestamp",
      "level",
      "executionArn",
      "tenantId",
      "operationId",
      "operationName",
      "attempt",
      "message",
    ]);
  });
});
