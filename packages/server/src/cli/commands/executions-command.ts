/**
 * `durably executions …`: read executions from the database.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { createExecutionsGetCommand } from "./executions-get-command.ts";
import { createExecutionsHistoryCommand } from "./executions-history-command.ts";
import { createExecutionsListCommand } from "./executions-list-command.ts";
import { createExecutionsStopCommand } from "./executions-stop-command.ts";

/** Creates the `executions` command group. */
export function createExecutionsCommand(context: CliContext): Command {
  return new Command("executions")
    .summary("list executions, show one, show its history, stop one")
    .description("List executions and show their details and history.")
    .addCommand(createExecutionsListCommand(context))
    .addCommand(createExecutionsGetCommand(context))
    .addCommand(createExecutionsHistoryCommand(context))
    .addCommand(createExecutionsStopCommand(context));
}
