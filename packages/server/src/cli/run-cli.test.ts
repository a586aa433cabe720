import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { StoreError } from "@durably/store";
import { CliError } from "./cli-error.ts";
import type { CliContext } from "./cli-io.ts";
import { cliVersion, runCli } from "./run-cli.ts";
import { ExitCode } from "./exit-codes.ts";
import { memoryIo } from "./internal/testing/memory-io.ts";

/** A command whose action does what the test says. */
function probe(action: (context: CliContext) => void | Promise<void>) {
  return (context: CliContext): Command =>
    new Command("probe")
      .description("test command")
      .option("--flag", "a flag")
      .action(async () => {
        await action(context);
      });
}

const argv = (...args: string[]): string[] => ["node", "durably", ...args];

describe("runCli", () => {
  it("returns the exit code the action set", async () => {
    const io = memoryIo();
    expect(
      await runCli(
        argv("probe"),
        [probe((context) => context.setExitCode(ExitCode.EXECUTION_FAILED))],
        io,
      ),
    ).toBe(1);
  });

  it("prints help with the exit codes and returns 0", async () => {
    const io = memoryIo();
    expect(await runCli(argv("--help"), [probe(() => undefined)], io)).toBe(0);
    expect(io.stdout.text).toContain("Usage: durably");
    expect(io.stdout.text).toContain("probe");
    expect(io.stdout.text).toContain("2    usage error");
  });

  it("prints the package version", async () => {
    const io = memoryIo();
    expect(await runCli(argv("--version"), [], io)).toBe(0);
    expect(io.stdout.text.trim()).toBe(cliVersion());
  });

  it("returns 2 for unknown commands and options, with commander's message", async () => {
    const io = memoryIo();
    expect(await runCli(argv("nope"), [probe(() => undefined)], io)).toBe(ExitCode.USAGE);
    expect(io.stderr.text).toContain("error: unknown command 'nope'");
    const io2 = memoryIo();
    expect(await runCli(argv("probe", "--nope"), [probe(() => undefined)], io2)).toBe(
      ExitCode.USAGE,
    );
    expect(io2.stderr.text).toContain("error: unknown option '--nope'");
  });

  it("returns 2 and prints the message and hint of a CLI error", async () => {
    const io = memoryIo();
    const code = await runCli(
      argv("probe"),
      [
        probe(() => {
          throw new CliError("INVALID_INPUT", "--input is not valid JSON.", { hint: "Quote it." });
        }),
      ],
      io,
    );
    expect(code).toBe(ExitCode.USAGE);
    expect(io.stderr.text).toBe("error: --input is not valid JSON.\nhint: Quote it.\n");
  });

  it("returns 3 for store failures and unexpected errors, naming the code", async () => {
    const io = memoryIo();
    expect(
      await runCli(
        argv("probe"),
        [
          probe(() => {
            throw new StoreError("CORRUPT", "bad page");
          }),
        ],
        io,
      ),
    ).toBe(ExitCode.INTERNAL);
    expect(io.stderr.text).toBe("error (CORRUPT): bad page\n");
    const io2 = memoryIo({ env: { DURABLY_DEBUG: "1" } });
    expect(
      await runCli(
        argv("probe"),
        [
          probe(() => {
            throw new TypeError("oops");
          }),
        ],
        io2,
      ),
    ).toBe(ExitCode.INTERNAL);
    expect(io2.stderr.text).toMatch(/^error: oops\nTypeError: oops\n {4}at /);
  });
});
