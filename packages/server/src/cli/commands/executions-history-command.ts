/**
 * `durably executions history <id-or-name>`: the execution's history events.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { renderHistory } from "../render/history-view.ts";
import { historyToJson, toJsonText } from "../render/json-view.ts";
import { findExecution } from "../wiring/execution-lookup.ts";
import { withReadEngine } from "../wiring/with-read-engine.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface HistoryOptions {
  db: string;
  schema?: string;
  function?: string;
  json?: boolean;
}

/** Creates `executions history`. */
export function createExecutionsHistoryCommand(context: CliContext): Command {
  const command = new Command("history")
    .description("show the history events of one execution, oldest first")
    .argument("<id-or-name>", "execution id, or execution name")
    .option(
      "--function <name>",
      "function of the named execution, when several functions use the name",
    );
  withJsonOption(withDatabaseOption(command));
  return command.action(async (idOrName: string, options: HistoryOptions) => {
    const { io } = context;
    const { execution, events } = await withReadEngine(options, io.cwd, async (engine) => {
      const found = await findExecution(engine, idOrName, options.function);
      return { execution: found, events: await engine.getHistory(found.executionId) };
    });
    if (options.json === true) {
      io.stdout.write(`${toJsonText(historyToJson(execution, events))}\n`);
      return;
    }
    const colors = colorsFor(io, io.stdout);
    io.stdout.write(
      `${colors.bold(execution.name)} ${colors.dim(`(${execution.functionName}, ${execution.executionId})`)}\n`,
    );
    io.stdout.write(`${renderHistory(events, { colors })}\n`);
  });
}
