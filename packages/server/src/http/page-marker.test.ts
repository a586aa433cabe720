import { describe, expect, it } from "vitest";
import { decodePageMarker, encodePageMarker } from "./page-marker.ts";

describe("page markers", () => {
  it("round-trips operation and history markers", () => {
    expect(
      decodePageMarker(encodePageMarker({ kind: "operations", offset: 7 }), "operations"),
    ).toEqual({
      kind: "operations",
      offset: 7,
    });
    const history = { kind: "history", eventId: 42, reverse: true } as const;
    expect(decodePageMarker(encodePageMarker(history), "history")).toEqual(history);
  });

  it("is opaque base64url text", () => {
    expect(encodePageMarker({ kind: "history", eventId: 3, reverse: false })).toMatch(
      /^[A-Za-z0-9_-]+$/,
    );
  });

  it("refuses a marker of the other listing with VALIDATION_FAILED", () => {
    const marker = encodePageMarker({ kind: "operations", offset: 1 });
    expect(() => decodePageMarker(marker, "history")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", name: "ServerError" }),
    );
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a JSON number", Buffer.from("5").toString("base64url")],
    ["another version", Buffer.from('[2,"o",1]').toString("base64url")],
    ["a negative offset", Buffer.from('[1,"o",-1]').toString("base64url")],
    ["a fractional event id", Buffer.from('[1,"h",1.5,0]').toString("base64url")],
    ["a bad direction", Buffer.from('[1,"h",1,2]').toString("base64url")],
  ])("refuses %s", (_name, text) => {
    expect(() => decodePageMarker(text, "history")).toThrow(/Marker is malformed/);
    expect(() => decodePageMarker(text, "operations")).toThrow(/Marker is malformed/);
  });
});
