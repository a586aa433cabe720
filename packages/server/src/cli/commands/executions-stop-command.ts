/**
 * `durably executions stop <id-or-name>`: stops a running execution, on a server (`--url`) or in
 * the database (`--db`).
 */
import { Command } from "commander";
import type { ErrorObject } from "@durably/sdk/protocol";
import type { CliContext } from "../cli-io.ts";
import { parseErrorOption } from "../option-parsers.ts";
import { executionToJson, toJsonText } from "../render/json-view.ts";
import { apiTokenVariable } from "../wiring/api-client.ts";
import { openExecutionTarget } from "../wiring/execution-target.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface StopOptions {
  db: string;
  schema?: string;
  url?: string;
  function?: string;
  error?: string;
  json?: boolean;
}

/** Creates `executions stop`. */
export function createExecutionsStopCommand(context: CliContext): Command {
  const command = new Command("stop")
    .description("stop a running execution (status STOPPED); its pending operations never complete")
    .argument("<id-or-name>", "execution id, or execution name")
    .option(
      "--error <json>",
      'error to record, e.g. \'{"ErrorType":"Cancelled","ErrorMessage":"by ops"}\'',
    )
    .option(
      "--function <name>",
      "function of the named execution, when several functions use the name",
    )
    .option("--url <url>", `URL of a running server (token from ${apiTokenVariable})`);
  withJsonOption(withDatabaseOption(command));
  return command.action(async (idOrName: string, options: StopOptions) => {
    const { io } = context;
    const error = parseErrorOption(options.error) as ErrorObject | undefined;
    const target = await openExecutionTarget(
      {
        url: options.url,
        db: options.db,
        schema: options.schema,
        isDbExplicit: command.getOptionValueSource("db") === "cli",
      },
      io,
    );
    try {
      const found = await target.findExecution(idOrName, options.function);
      await target.stopExecution(found.executionId, error);
      const stopped = await target.getExecution(found.executionId);
      if (options.json === true) io.stdout.write(`${toJsonText(executionToJson(stopped))}\n`);
      else io.stdout.write(`Stopped execution ${stopped.name} of ${stopped.functionName}.\n`);
    } finally {
      await target.close();
    }
  });
}
