import { describe, expect, it } from "vitest";
import { formatInstant, formatTimeOfDay } from "./format-instant.ts";
import { toEpochMs } from "./to-epoch-ms.ts";

describe("formatInstant", () => {
  it("writes date and time to the millisecond", () => {
    expect(formatInstant(Date.UTC(2025, 10, 2, 7, 1, 2, 3), { utc: true })).toBe(
      "2025-11-02 07:01:02.003",
    );
  });
  it("gives the time of day alone", () => {
    expect(formatTimeOfDay(Date.UTC(2025, 10, 2, 17, 0, 9), { utc: true })).toBe("17:00:09");
  });
});

describe("toEpochMs", () => {
  it("accepts ISO text, epoch ms and dates", () => {
    const at = Date.UTC(2025, 0, 1);
    expect(toEpochMs("2025-01-01T00:00:00.000Z")).toBe(at);
    expect(toEpochMs(at)).toBe(at);
    expect(toEpochMs(new Date(at))).toBe(at);
  });
  it("returns undefined for absent or invalid values", () => {
    expect(toEpochMs(undefined)).toBeUndefined();
    expect(toEpochMs(null)).toBeUndefined();
    expect(toEpochMs("yesterday-ish")).toBeUndefined();
    expect(toEpochMs(Number.NaN)).toBeUndefined();
  });
});
