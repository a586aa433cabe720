import { describe, expect, it } from "vitest";
import { matchValue } from "./match-value.ts";
import { matchHistory } from "./match-history.ts";
import type { Event } from "@durably/sdk/protocol";

const match = (
  expected: unknown,
  actual: unknown,
  bindings = new Map<string, unknown>(),
): string | undefined => matchValue(expected, actual, bindings, "x");

describe("matchValue", () => {
  it("treats '*' as 'present with any value'", () => {
    expect(match("*", 0)).toBeUndefined();
    expect(match("*", undefined)).toContain("expected a value");
  });

  it("treats {} as not checked, even when the actual value is absent", () => {
    expect(match({}, undefined)).toBeUndefined();
    expect(match({}, { a: 1 })).toBeUndefined();
  });

  it("binds a placeholder on first use and requires the same value afterwards", () => {
    const bindings = new Map<string, unknown>();
    expect(match("${ID1}", "abc", bindings)).toBeUndefined();
    expect(match("${ID1}", "abc", bindings)).toBeUndefined();
    expect(match("${ID1}", "def", bindings)).toContain("expected ${ID1}");
  });

  it("matches ${/regex/} against strings and numbers", () => {
    expect(match("${/^[0-5]$/}", 3)).toBeUndefined();
    expect(match("${/^[0-5]$/}", 7)).toContain("to match");
  });

  it("counts an absent value as equal to null", () => {
    expect(match(null, undefined)).toBeUndefined();
    expect(match(null, "x")).toContain("expected null");
  });

  it("compares only the keys an expected object names, and arrays element by element", () => {
    expect(match({ a: 1 }, { a: 1, b: 2 })).toBeUndefined();
    expect(match({ a: [1, 2] }, { a: [1, 3] })).toBe("x.a[1]: expected 2, got 3");
    expect(match([1], [1, 2])).toContain("expected 1 items");
  });
});

describe("matchHistory", () => {
  const event = (id: number, type: string, extra: Record<string, unknown> = {}): Event =>
    ({ EventId: id, EventType: type, EventTimestamp: new Date(0), ...extra }) as Event;

  it("matches expected events by EventId and ignores unnamed actual events", () => {
    const actual = [
      event(1, "ExecutionStarted"),
      event(2, "StepStarted", { Id: "a" }),
      event(3, "StepSucceeded", { Id: "a" }),
    ];
    expect(
      matchHistory([{ EventId: 3, EventType: "StepSucceeded", Id: "*" }], actual, new Map()),
    ).toBeUndefined();
  });

  it("names the first mismatching event and its signature", () => {
    const actual = [event(1, "ExecutionStarted"), event(2, "WaitStarted", { SubType: "Wait" })];
    expect(
      matchHistory([{ EventId: 2, EventType: "StepStarted", SubType: "Step" }], actual, new Map()),
    ).toBe("event 2: expected StepStarted/Step, got WaitStarted/Wait");
    expect(matchHistory([{ EventId: 5, EventType: "StepStarted" }], actual, new Map())).toContain(
      "missing",
    );
  });
});
