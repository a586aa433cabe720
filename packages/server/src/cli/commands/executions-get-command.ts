/**
 * `durably executions get <id-or-name>`: one execution, its operations and its timeline.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { renderExecutionDetail } from "../render/executions-view.ts";
import { executionWithOperationsToJson, toJsonText } from "../render/json-view.ts";
import { renderOperationsView } from "../render/operations-view.ts";
import { renderTimeline } from "../render/timeline.ts";
import { findExecution } from "../wiring/execution-lookup.ts";
import { withReadEngine } from "../wiring/with-read-engine.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface GetOptions {
  db: string;
  schema?: string;
  function?: string;
  json?: boolean;
}

/** Creates `executions get`. */
export function createExecutionsGetCommand(context: CliContext): Command {
  const command = new Command("get")
    .description("show one execution: status, input, result or error, operations and timeline")
    .argument("<id-or-name>", "execution id, or execution name")
    .option(
      "--function <name>",
      "function of the named execution, when several functions use the name",
    );
  withJsonOption(withDatabaseOption(command));
  return command.action(async (idOrName: string, options: GetOptions) => {
    const { io } = context;
    const { execution, operations } = await withReadEngine(options, io.cwd, async (engine) => {
      const found = await findExecution(engine, idOrName, options.function);
      return { execution: found, operations: await engine.getOperations(found.executionId) };
    });
    if (options.json === true) {
      io.stdout.write(`${toJsonText(executionWithOperationsToJson(execution, operations))}\n`);
      return;
    }
    const colors = colorsFor(io, io.stdout);
    const now = Date.now();
    const parts = [
      renderExecutionDetail(execution, { colors, now }),
      renderOperationsView({ execution, operations, now, colors }).split("\n").slice(1).join("\n"),
      renderTimeline({
        operations,
        startedAt: execution.startedAt,
        endedAt: execution.endedAt ?? now,
        colors,
      }),
    ];
    io.stdout.write(`${parts.filter((part) => part !== "").join("\n\n")}\n`);
  });
}
