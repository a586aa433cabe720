import { describe, expect, it } from "vitest";
import { matchLogs } from "./match-logs.ts";

describe("matchLogs", () => {
  it("reads a leading (?i) in a /regex/ field as a case-insensitive pattern", () => {
    const records = [{ hook: "operation-start", type: "CONTEXT", subType: "ParallelBranch" }];
    const rule = { match: { type: "/(?i)context/", subType: "/(?i)branch/" }, count: 1 };
    expect(matchLogs([rule], records, new Map())).toBeUndefined();
    expect(
      matchLogs([{ match: { type: "/context/" }, count: 0 }], records, new Map()),
    ).toBeUndefined();
  });

  it("matches non-string values against a /regex/ through their JSON text, and requires the key", () => {
    const records = [{ count: 12, flag: false }, { count: 3 }];
    expect(
      matchLogs([{ match: { count: "/^\\d+$/" }, count: 2 }], records, new Map()),
    ).toBeUndefined();
    expect(matchLogs([{ match: { flag: "/.*/" }, count: 1 }], records, new Map())).toBeUndefined();
  });
});
