import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { parseApiTokens, resolveServeAuth } from "./serve-auth.ts";

const token = "abcdefghijklmnop0123";
const base = { env: {}, cwd: "/", host: "127.0.0.1", insecureLocal: false };

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError");
}

describe("parseApiTokens", () => {
  it("reads comma- or newline-separated token[:scope], admin by default, skipping comments", () => {
    expect(
      parseApiTokens(`${token}, cb-token-0123456789:callbacks\n# note\n\nx:admin`, "env"),
    ).toEqual([
      { token, scopes: ["admin"] },
      { token: "cb-token-0123456789", scopes: ["callbacks"] },
      { token: "x", scopes: ["admin"] },
    ]);
  });

  it("rejects an unknown scope without repeating the token", () => {
    const error = failure(() => parseApiTokens(`${token}:root`, "DURABLY_API_TOKENS"));
    expect(error.message).toBe(
      'Token #1 in DURABLY_API_TOKENS has scope "root"; use admin or callbacks.',
    );
    expect(error.message).not.toContain(token);
  });
});

describe("resolveServeAuth", () => {
  it("takes tokens from DURABLY_API_TOKENS", () => {
    expect(resolveServeAuth({ ...base, env: { DURABLY_API_TOKENS: token } })).toEqual({
      tokens: [{ token, scopes: ["admin"] }],
    });
  });

  it("prefers --token-file, read relative to the working directory", () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "durably-auth-"));
    writeFileSync(path.join(cwd, "tokens"), `${token}:callbacks\n`);
    expect(resolveServeAuth({ ...base, cwd, tokenFile: "tokens" })).toEqual({
      tokens: [{ token, scopes: ["callbacks"] }],
    });
    expect(failure(() => resolveServeAuth({ ...base, cwd, tokenFile: "missing" })).message).toBe(
      "Cannot read --token-file missing (ENOENT).",
    );
  });

  it("refuses to serve without tokens unless --insecure-local, and says how to configure them", () => {
    const error = failure(() => resolveServeAuth(base));
    expect(error.message).toBe("No API token configured, and the API needs one.");
    expect(error.hint).toContain("DURABLY_API_TOKENS");
    expect(resolveServeAuth({ ...base, insecureLocal: true })).toEqual({ insecureLocal: true });
  });

  it("allows --insecure-local on loopback only, and not together with tokens", () => {
    expect(
      failure(() => resolveServeAuth({ ...base, insecureLocal: true, host: "0.0.0.0" })).message,
    ).toBe("--insecure-local listens on loopback only, not on --host 0.0.0.0.");
    expect(
      failure(() =>
        resolveServeAuth({ ...base, insecureLocal: true, env: { DURABLY_API_TOKENS: token } }),
      ).reason,
    ).toBe("INVALID_OPTION");
  });
});
