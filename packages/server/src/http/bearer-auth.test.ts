import { describe, expect, it } from "vitest";
import { TokenVerifier } from "./bearer-auth.ts";
import type { ApiToken } from "./bearer-auth.ts";

const admin = "admin-0123456789abcdef";
const hooks = "hooks-0123456789abcdef";

describe("TokenVerifier", () => {
  const verifier = new TokenVerifier([
    { token: admin, scopes: ["admin"] },
    { token: hooks, scopes: ["callbacks"] },
  ]);

  it("returns the scopes of a configured token", () => {
    expect([...(verifier.verify(admin) ?? [])]).toEqual(["admin"]);
    expect([...(verifier.verify(hooks) ?? [])]).toEqual(["callbacks"]);
  });

  it.each([
    ["a wrong token of the same length", admin.replace("a", "b")],
    ["a prefix", admin.slice(0, -1)],
    ["a longer token", `${admin}x`],
    ["the empty string", ""],
  ])("refuses %s", (_name, presented) => {
    expect(verifier.verify(presented)).toBeUndefined();
  });

  it.each<[string, ApiToken[], RegExp]>([
    ["no token", [], /No API token configured/],
    ["a short token", [{ token: "short", scopes: ["admin"] }], /shorter than 16/],
    [
      "a token a header cannot carry",
      [{ token: "with space 0123456789", scopes: ["admin"] }],
      /characters/,
    ],
    [
      "a duplicate",
      [
        { token: admin, scopes: ["admin"] },
        { token: admin, scopes: ["callbacks"] },
      ],
      /listed twice/,
    ],
    ["no scope", [{ token: admin, scopes: [] }], /needs scopes/],
    ["an unknown scope", [{ token: admin, scopes: ["root" as "admin"] }], /needs scopes/],
  ])("refuses a configuration with %s", (_name, tokens, message) => {
    expect(() => new TokenVerifier(tokens)).toThrow(message);
    expect(() => new TokenVerifier(tokens)).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
  });
});
