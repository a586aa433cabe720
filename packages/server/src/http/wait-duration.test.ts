import { describe, expect, it } from "vitest";
import { parseWaitDuration } from "./wait-duration.ts";

describe("parseWaitDuration", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["2m", 120_000],
    ["0s", 0],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseWaitDuration(text)).toBe(ms);
  });

  it.each(["30", "", "1h", "-1s", "1.5s", "s", "10 s", "1e3ms", "9999999999s"])(
    "refuses %j",
    (text) => {
      expect(parseWaitDuration(text)).toBeUndefined();
    },
  );
});
