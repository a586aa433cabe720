/**
 * `durably invoke <function>`: starts an execution on a running server (`--url`) or in its
 * database (`--db`), and with `--wait` follows it to the end.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { apiTokenVariable } from "../wiring/api-client.ts";
import { invokeFunction } from "../wiring/invoke-function.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface InvokeOptions {
  input?: string;
  name?: string;
  wait?: boolean;
  url?: string;
  db: string;
  schema?: string;
  json?: boolean;
}

/** Creates the `invoke` command. */
export function createInvokeCommand(context: CliContext): Command {
  const command = new Command("invoke")
    .summary("start an execution on a running server, and optionally wait for it")
    .description(
      "Start an execution of a function hosted by a running `durably serve` (--url), or write it " +
        "to the database (--db) for the workers that share it. With --wait, show its operations " +
        "live and print the outcome; the exit code then says how it ended.",
    )
    .argument("<function>", "name of the function (the export name in the served module)")
    .option("-i, --input <json>", "input event as JSON (default: none; the handler receives {})")
    .option("-n, --name <execution-name>", "execution name, 1-64 of [A-Za-z0-9_-]: starts it once")
    .option("-w, --wait", "wait for the execution to end, showing its operations")
    .option("--url <url>", `URL of a running server (token from ${apiTokenVariable})`);
  withJsonOption(withDatabaseOption(command)).addHelpText(
    "after",
    "\nWith --db nothing checks that a worker hosts the function: the execution waits until one does.\n\n" +
      "Examples:\n" +
      `  ${apiTokenVariable}=… durably invoke handler --url http://127.0.0.1:3000 --input '{"orderId":"o-1"}' --wait\n` +
      "  durably invoke handler --db .durably/durably.db --name nightly-2025-01-01\n",
  );
  return command.action(async (functionName: string, options: InvokeOptions) => {
    const code = await invokeFunction(
      {
        functionName,
        input: options.input,
        name: options.name,
        wait: options.wait === true,
        json: options.json === true,
        url: options.url,
        db: options.db,
        schema: options.schema,
        isDbExplicit: command.getOptionValueSource("db") === "cli",
      },
      context.io,
    );
    context.setExitCode(code);
  });
}
