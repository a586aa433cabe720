import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDurable } from "./run-durable.ts";

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "run-durable-"));
  file = join(dir, "handlers.mjs");
  // Raw durable handlers (the protocol's output shape), so the fixture needs no imports.
  writeFileSync(
    file,
    [
      `export const handler = async (event) => ({ Status: "SUCCEEDED", Result: JSON.stringify({ ok: true, arn: typeof event.DurableExecutionArn }) });`,
      `export const failing = async () => ({ Status: "FAILED", Error: { ErrorType: "Error", ErrorMessage: "nope" } });`,
      `export const notAHandler = 42;`,
    ].join("\n"),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDurable(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("run-durable", () => {
  it("runs the handler export and prints its status and result", async () => {
    const { code, out } = await run(file, "--skip-time");

    expect(code).toBe(0);
    expect(out).toContain("Status: SUCCEEDED");
    expect(out).toContain('"ok": true');
  });

  it("runs another export with --handler-export and exits 1 when it fails", async () => {
    const { code, out } = await run(file, "--handler-export", "failing", "--show-history");

    expect(code).toBe(1);
    expect(out).toContain("Status: FAILED");
    expect(out).toContain('"errorMessage": "nope"');
    expect(out).toMatch(/History:\n {2}1 \S+ ExecutionStarted/);
  });

  it("exits 2 with a message for a missing handler export, file or argument", async () => {
    expect(await run(file, "--handler-export", "notAHandler")).toMatchObject({
      code: 2,
      err: expect.stringContaining('no export named "notAHandler"'),
    });
    expect(await run(join(dir, "missing.mjs"))).toMatchObject({
      code: 2,
      err: expect.stringContaining("Could not load"),
    });
    expect(await run()).toMatchObject({
      code: 2,
      err: expect.stringContaining("Usage: run-durable <file>"),
    });
    expect(await run(file, "--bogus")).toMatchObject({
      code: 2,
      err: expect.stringContaining("Unknown option"),
    });
  });
});
