import { describe, expect, it } from "vitest";
import { fromPgText, toPgText } from "./postgres-text.ts";

const samples = [
  "",
  "plain",
  "a\u0000",
  "\u0000",
  "\u0001",
  "a\u0001b",
  "\u00010",
  "x\u0000\u0001y",
  "\u0002",
  "é👋",
];
// Bytewise order of the UTF-8 text, as PostgreSQL's "C" collation compares it.
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("PostgreSQL text escape", () => {
  it("round-trips every string and leaves strings without U+0000 or U+0001 unchanged", () => {
    for (const text of samples) expect(fromPgText(toPgText(text))).toBe(text);
    expect(toPgText("order-1 é👋")).toBe("order-1 é👋");
    expect(toPgText("a\u0000b")).not.toContain("\u0000");
  });

  it("keeps bytewise order and prefixes", () => {
    for (const a of samples) {
      for (const b of samples) {
        expect(Math.sign(byBytes(toPgText(a), toPgText(b)))).toBe(Math.sign(byBytes(a, b)));
        expect(toPgText(b).startsWith(toPgText(a))).toBe(b.startsWith(a));
      }
    }
  });
});
