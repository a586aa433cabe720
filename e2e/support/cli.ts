/**
 * Drives the built CLI (`node packages/server/dist/cli/main.js`) as a user would.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The built CLI entry point. */
const cliPath: string = path.join(repoRoot, "packages/server/dist/cli/main.js");

/** Fails fast with a useful message when the CLI was not built. */
export function requireBuiltCli(): void {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: run \`npx tsc -b\` before the e2e tests.`);
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `durably-e2e-${prefix}-`));
}

/** What a finished CLI process left behind. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli} and {@link spawnCli}. */
export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

/** Starts the CLI without waiting for it. Colour is off so output can be matched. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collects a child's output and resolves when it exits (killing it after `timeoutMs`). */
export function waitForExit(child: ChildProcess, timeoutMs = 60_000): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `CLI did not exit within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return waitForExit(spawnCli(args, options), options.timeoutMs);
}

/** Runs the CLI and parses its stdout as JSON, failing with the output when it did not exit 0. */
export async function runCliJson<T>(args: readonly string[], options: CliOptions = {}): Promise<T> {
  const result = await runCli(args, options);
  if (result.code !== 0)
    throw new Error(
      `durably ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
    );
  return JSON.parse(result.stdout) as T;
}

/** Polls `check` every `intervalMs` until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function pollUntil<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 30_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Lines of a file, [] while it does not exist. */
export function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "");
}
