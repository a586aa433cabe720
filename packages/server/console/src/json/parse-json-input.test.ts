import { describe, expect, it } from "vitest";
import { parseJsonInput, prettyJson } from "./parse-json-input.ts";

describe("parseJsonInput", () => {
  it("accepts any JSON value", () => {
    expect(parseJsonInput('{"orderId": 7}')).toEqual({
      ok: true,
      value: { orderId: 7 },
      text: '{"orderId": 7}',
    });
    expect(parseJsonInput('"approved"')).toMatchObject({ ok: true, value: "approved" });
  });
  it("rejects empty text unless empty is allowed", () => {
    expect(parseJsonInput("  ")).toMatchObject({ ok: false });
    expect(parseJsonInput("  ", { allowEmpty: true })).toEqual({
      ok: true,
      value: undefined,
      text: "",
    });
  });
  it("points at the line and column of a mistake when the parser gives a position", () => {
    const result = parseJsonInput('{\n  "a": 1\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Not valid JSON: /);
    expect(result.line).toBe(3);
  });
  it("keeps the message short when the parser gives no position", () => {
    const result = parseJsonInput('{"a": }');
    expect(result).toMatchObject({
      ok: false,
      message: expect.not.stringContaining("is not valid JSON"),
    });
  });
});

describe("prettyJson", () => {
  it("indents JSON and leaves other text alone", () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson("plain text")).toBe("plain text");
    expect(prettyJson(undefined)).toBe("");
  });
});
