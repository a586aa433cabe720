/**
 * Builds the `durably` program from its commands and runs it, turning every outcome (help,
 * usage mistakes, command errors) into a message and an exit code from exit-codes.ts.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { DurablyError } from "@durably/store";
import { CliError } from "./cli-error.ts";
import type { CliContext, CliIo } from "./cli-io.ts";
import { colorsFor } from "./cli-io.ts";
import { ExitCode, exitCodeForError, exitCodesHelp } from "./exit-codes.ts";

/** Creates one top-level command. */
export type CommandFactory = (context: CliContext) => Command;

/** The CLI's version: the version of @durably/server (two levels up from src/cli and dist/cli). */
export function cliVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** Runs the CLI on `argv` (as process.argv: node, script, args…) and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  commands: readonly CommandFactory[],
  io: CliIo,
): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const context: CliContext = { io, setExitCode: (code) => (exitCode = code) };
  const program = new Command("durably")
    .description("Run durable functions on your machine and inspect their executions.")
    .version(cliVersion(), "-V, --version", "print the version")
    .addHelpText(
      "after",
      `\n${exitCodesHelp}\n\nEnvironment: NO_COLOR disables colour; DURABLY_DEBUG=1 prints stack traces.`,
    );
  for (const factory of commands) program.addCommand(factory(context));
  configure(program, io);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/** Applies output and exit handling to every command, since addCommand does not inherit settings. */
function configure(command: Command, io: CliIo): void {
  const red = colorsFor(io, io.stderr).red;
  command
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(red(text)),
    });
  for (const sub of command.commands) configure(sub, io);
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return ExitCode.OK;
    return ExitCode.USAGE;
  }
  const colors = colorsFor(io, io.stderr);
  const message = error instanceof Error ? error.message : String(error);
  const label =
    error instanceof CliError || !DurablyError.is(error) ? "error" : `error (${error.code})`;
  io.stderr.write(`${colors.red(`${label}:`)} ${message}\n`);
  if (error instanceof CliError && error.hint !== undefined)
    io.stderr.write(`${colors.dim(`hint: ${error.hint}`)}\n`);
  if (
    io.env["DURABLY_DEBUG"] !== undefined &&
    error instanceof Error &&
    error.stack !== undefined
  ) {
    io.stderr.write(`${colors.dim(error.stack)}\n`);
  }
  return exitCodeForError(error);
}
