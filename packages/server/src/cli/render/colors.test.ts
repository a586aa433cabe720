import { describe, expect, it } from "vitest";
import {
  createColors,
  shouldUseColor,
  stripAnsi,
  truncateVisible,
  visibleWidth,
} from "./colors.ts";

describe("shouldUseColor", () => {
  it("colours terminals only", () => {
    expect(shouldUseColor({}, true)).toBe(true);
    expect(shouldUseColor({}, false)).toBe(false);
  });
  it("honours NO_COLOR when it is set to anything", () => {
    expect(shouldUseColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(shouldUseColor({ NO_COLOR: "" }, true)).toBe(true);
  });
  it("lets FORCE_COLOR override, and TERM=dumb disable", () => {
    expect(shouldUseColor({ FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(shouldUseColor({ TERM: "dumb" }, true)).toBe(false);
  });
});

describe("colours", () => {
  it("wrap text in SGR codes when enabled and leave it alone when not", () => {
    expect(createColors(true).red("x")).toBe("\x1b[31mx\x1b[39m");
    expect(createColors(false).red("x")).toBe("x");
  });
  it("measure and cut by visible width", () => {
    const text = `${createColors(true).green("✓")} done`;
    expect(stripAnsi(text)).toBe("✓ done");
    expect(visibleWidth(text)).toBe(6);
    expect(stripAnsi(truncateVisible(text, 4))).toBe("✓ d…");
    expect(truncateVisible("short", 10)).toBe("short");
  });
});
