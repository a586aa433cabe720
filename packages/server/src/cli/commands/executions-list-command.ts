/**
 * `durably executions list`: executions in the database, newest first.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { parseLimitOption, parseStatusOption } from "../option-parsers.ts";
import { renderExecutionList } from "../render/executions-view.ts";
import { executionToJson, toJsonText } from "../render/json-view.ts";
import { withReadEngine } from "../wiring/with-read-engine.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface ListOptions {
  db: string;
  schema?: string;
  function?: string;
  status?: string;
  limit?: string;
  json?: boolean;
}

/** Creates `executions list`. */
export function createExecutionsListCommand(context: CliContext): Command {
  const command = new Command("list")
    .description("list executions, newest first")
    .option("--function <name>", "only executions of this function")
    .option(
      "--status <status>",
      "only these statuses, comma-separated (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED)",
    )
    .option("--limit <n>", "at most this many executions, 1-1000", "50");
  withJsonOption(withDatabaseOption(command));
  return command.action(async (options: ListOptions) => {
    const { io } = context;
    const statuses = parseStatusOption(options.status);
    const limit = parseLimitOption(options.limit);
    const page = await withReadEngine(options, io.cwd, (engine) =>
      engine.listExecutions({
        ...(options.function === undefined ? {} : { functionName: options.function }),
        ...(statuses === undefined ? {} : { statuses }),
        ...(limit === undefined ? {} : { limit }),
      }),
    );
    if (options.json === true) {
      io.stdout.write(`${toJsonText({ executions: page.items.map(executionToJson) })}\n`);
      return;
    }
    io.stdout.write(
      `${renderExecutionList(page.items, { colors: colorsFor(io, io.stdout), now: Date.now() })}\n`,
    );
    if (page.nextCursor !== undefined)
      io.stdout.write(`(more executions exist; raise --limit to see them)\n`);
  });
}
