import { describe, expect, it } from "vitest";
import { SortedKeys, type SortKey } from "./sorted-keys.ts";

const key = (at: number, id = "e", sub = ""): SortKey => ({ at, id, sub });
const contents = (keys: SortedKeys): string[] =>
  Array.from({ length: keys.size }, (_, i) => keys.at(i)).map((k) => `${k?.at}/${k?.id}/${k?.sub}`);

describe("SortedKeys", () => {
  it("keeps keys ordered by instant, then id, then sub-key, whatever the insertion order", () => {
    const keys = new SortedKeys();
    for (const k of [key(5), key(1, "b"), key(1, "a", "y"), key(9), key(1, "a", "x"), key(3)])
      keys.insert(k);
    expect(contents(keys)).toStrictEqual(["1/a/x", "1/a/y", "1/b/", "3/e/", "5/e/", "9/e/"]);
  });

  it("removes only the key equal to the one given, and ignores a missing one", () => {
    const keys = new SortedKeys();
    for (const k of [key(1, "a"), key(1, "b"), key(2, "a")]) keys.insert(k);
    keys.remove(key(1, "b"));
    keys.remove(key(7));
    expect(contents(keys)).toStrictEqual(["1/a/", "2/a/"]);
  });

  it("finds the first key at or after, and strictly after, a bound", () => {
    const keys = new SortedKeys();
    for (const k of [key(1), key(2), key(2, "f"), key(4)]) keys.insert(k);
    expect(keys.lowerBound(key(2))).toBe(1);
    expect(keys.upperBound(key(2))).toBe(2);
    expect(keys.lowerBound(key(3))).toBe(3);
    expect(keys.upperBound(key(9))).toBe(4);
  });
});
