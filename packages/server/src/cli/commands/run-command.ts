/**
 * `durably run <module>`: runs a durable function, or resumes its unfinished execution.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { runFunction } from "../wiring/run-function.ts";
import { withDatabaseOption } from "./common-options.ts";

interface RunOptions {
  function?: string;
  input?: string;
  name?: string;
  db: string;
  schema?: string;
  fresh?: boolean;
  json?: boolean;
}

/** Creates the `run` command. */
export function createRunCommand(context: CliContext): Command {
  const command = new Command("run")
    .summary("run a durable function, or resume its unfinished execution")
    .description(
      "Run a durable function and show its operations live. Without --name, an unfinished " +
        "execution of the same function with the same input is resumed; with --name, that " +
        "execution is started once, then resumed or shown.",
    )
    .argument("<module>", "TypeScript or JavaScript file that exports the durable handler")
    .option(
      "-f, --function <export>",
      "export to run (default: the only exported function, else `handler`)",
    )
    .option("-i, --input <json>", "input event as JSON (default: none; the handler receives {})")
    .option(
      "-n, --name <execution-name>",
      "execution name, 1-64 of [A-Za-z0-9_-]: start it once, resume it after",
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  durably run examples/order-processing/order-processing.ts\n" +
        `  durably run ./orders.ts --input '{"orderId":"ord-1"}' --name ord-1\n`,
    );
  withDatabaseOption(command)
    .option("--fresh", "delete the database file before running")
    .option("--json", "print only a JSON document with the execution and its operations");
  return command.action(async (modulePath: string, options: RunOptions) => {
    const code = await runFunction(
      {
        modulePath,
        exportName: options.function,
        input: options.input,
        name: options.name,
        dbPath: options.db,
        schema: options.schema,
        fresh: options.fresh === true,
        json: options.json === true,
      },
      context.io,
    );
    context.setExitCode(code);
  });
}
