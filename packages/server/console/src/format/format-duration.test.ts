import { describe, expect, it } from "vitest";
import { formatDuration, formatRelative } from "./format-duration.ts";

describe("formatDuration", () => {
  it("shows milliseconds below a second", () => {
    expect(formatDuration(0)).toBe("0ms");
    expect(formatDuration(850.4)).toBe("850ms");
  });
  it("shows one decimal below ten seconds and whole seconds up to a minute", () => {
    expect(formatDuration(1000)).toBe("1s");
    expect(formatDuration(4250)).toBe("4.3s");
    expect(formatDuration(42_900)).toBe("42s");
  });
  it("uses two units above a minute", () => {
    expect(formatDuration(3 * 60_000 + 5000)).toBe("3m 05s");
    expect(formatDuration(2 * 3_600_000 + 10 * 60_000)).toBe("2h 10m");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 1)).toBe("3d 4h");
  });
  it("reads negative durations as zero", () => {
    expect(formatDuration(-5)).toBe("0ms");
  });
});

describe("formatRelative", () => {
  it("says in or ago, and now within a second", () => {
    expect(formatRelative(10_000, 0)).toBe("in 10s");
    expect(formatRelative(0, 65_000)).toBe("1m 05s ago");
    expect(formatRelative(500, 0)).toBe("now");
  });
});
