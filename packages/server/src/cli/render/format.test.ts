import { describe, expect, it } from "vitest";
import {
  formatClockTime,
  formatDateTime,
  formatDuration,
  parsePayload,
  prettyPayload,
  previewPayload,
  toEpochMs,
  truncate,
} from "./format.ts";

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [12.4, "12ms"],
    [999, "999ms"],
    [1000, "1s"],
    [3210, "3.21s"],
    [3000, "3s"],
    [12_345, "12.3s"],
    [125_000, "2m 05s"],
    [3_720_000, "1h 02m"],
    [273_600_000, "3d 04h"],
    [-5, "0ms"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("time formatting", () => {
  const at = Date.UTC(2025, 5, 1, 12, 3, 4);
  it("shows wall-clock time in 24-hour form in the given zone", () => {
    expect(formatClockTime(at, { timeZone: "UTC" })).toBe("12:03:04");
    expect(formatClockTime(at, { timeZone: "Asia/Tokyo" })).toBe("21:03:04");
  });
  it("shows date and time without a comma", () => {
    expect(formatDateTime(at, { timeZone: "UTC" })).toBe("2025-06-01 12:03:04");
  });
  it("reads Dates, ISO text and epoch numbers, rejecting garbage", () => {
    expect(toEpochMs(new Date(at))).toBe(at);
    expect(toEpochMs(new Date(at).toISOString())).toBe(at);
    expect(toEpochMs(at)).toBe(at);
    expect(toEpochMs("not a date")).toBeUndefined();
    expect(toEpochMs(undefined)).toBeUndefined();
  });
});

describe("payloads", () => {
  it("previews JSON compactly and cuts long text with an ellipsis", () => {
    expect(previewPayload('{ "a": 1,\n "b": [1, 2] }')).toBe('{"a":1,"b":[1,2]}');
    expect(previewPayload('"' + "x".repeat(100) + '"', 10)).toBe('"xxxxxxxx…');
    expect(previewPayload(undefined)).toBe("");
  });
  it("keeps non-JSON payloads as stored", () => {
    expect(previewPayload("plain text")).toBe("plain text");
    expect(parsePayload("plain text")).toBe("plain text");
    expect(prettyPayload("plain text")).toBe("plain text");
  });
  it("pretty-prints JSON results and says when there is none", () => {
    expect(prettyPayload('{"ok":true}')).toBe('{\n  "ok": true\n}');
    expect(prettyPayload('"text"')).toBe('"text"');
    expect(prettyPayload(undefined)).toBe("(none)");
  });
  it("truncates to a width counted in characters", () => {
    expect(truncate("abcdef", 6)).toBe("abcdef");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 0)).toBe("");
  });
});
