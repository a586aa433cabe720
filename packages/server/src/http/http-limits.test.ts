import { describe, expect, it } from "vitest";
import { resolveHttpLimits } from "./http-limits.ts";

describe("resolveHttpLimits", () => {
  it("applies defaults, the callback limit being the service's", () => {
    expect(resolveHttpLimits()).toEqual({
      maxStartBodyBytes: 6_356_992,
      maxErrorBodyBytes: 262_144,
      maxSyncWaitMs: 300_000,
      maxCallbackResultBytes: 262_144,
    });
    expect(resolveHttpLimits({ maxSyncWaitMs: 1000 }).maxSyncWaitMs).toBe(1000);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %d", (value) => {
    expect(() => resolveHttpLimits({ maxStartBodyBytes: value })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
});
