import { describe, expect, it } from "vitest";
import { DurablyError } from "../errors/store-error.ts";
import { decodeExecutionCursor, encodeExecutionCursor } from "./execution-cursor.ts";

const codeOf = (action: () => unknown): string => {
  try {
    action();
    return "returned";
  } catch (error) {
    return DurablyError.is(error) ? error.code : String(error);
  }
};

describe("execution cursor", () => {
  it("decodes what it encodes", () => {
    const cursor = { startedAt: 1_735_689_600_000, executionId: "arn:…/Grüße", reverse: true };
    expect(decodeExecutionCursor(encodeExecutionCursor(cursor))).toStrictEqual(cursor);
  });

  it("rejects text it did not produce with INVALID_ARGUMENT", () => {
    const wrongShape = Buffer.from(JSON.stringify([1, "x", "y", 0])).toString("base64url");
    const wrongVersion = Buffer.from(JSON.stringify([2, 1, "y", 0])).toString("base64url");
    for (const text of ["", "%%%", "e30", wrongShape, wrongVersion]) {
      expect(codeOf(() => decodeExecutionCursor(text))).toBe("INVALID_ARGUMENT");
    }
  });
});
