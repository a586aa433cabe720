/**
 * `durably callback succeed|fail|heartbeat <callbackId>`: answers a callback as the external
 * system holding its id would, on a server (`--url`, a callbacks or admin token) or in the
 * database (`--db`).
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { parseErrorOption } from "../option-parsers.ts";
import { apiTokenVariable } from "../wiring/api-client.ts";
import { openExecutionTarget } from "../wiring/execution-target.ts";
import { withDatabaseOption, withJsonOption } from "./common-options.ts";

interface CallbackOptions {
  db: string;
  schema?: string;
  url?: string;
  result?: string;
  error?: string;
  json?: boolean;
}

type Outcome = "succeed" | "fail" | "heartbeat";

const descriptions: Readonly<Record<Outcome, string>> = {
  succeed: "complete a callback successfully, with --result as its result",
  fail: "fail a callback, with --error as its error",
  heartbeat: "restart a callback's heartbeat window",
};

/** Creates the `callback` command group. */
export function createCallbackCommand(context: CliContext): Command {
  const group = new Command("callback")
    .summary("complete, fail or heartbeat a callback")
    .description("Answer a callback (waitForCallback, createCallback) by its callback id.");
  for (const outcome of ["succeed", "fail", "heartbeat"] as const)
    group.addCommand(createOutcomeCommand(context, outcome));
  return group;
}

function createOutcomeCommand(context: CliContext, outcome: Outcome): Command {
  const command = new Command(outcome)
    .description(descriptions[outcome])
    .argument("<callbackId>", "the callback id the function handed out");
  if (outcome === "succeed")
    command.option("--result <text>", "result, passed to the function as is (usually JSON text)");
  if (outcome === "fail")
    command.option(
      "--error <json>",
      'error object, e.g. \'{"ErrorType":"Rejected","ErrorMessage":"no"}\'',
    );
  command.option("--url <url>", `URL of a running server (token from ${apiTokenVariable})`);
  withJsonOption(withDatabaseOption(command));
  return command.action(async (callbackId: string, options: CallbackOptions) => {
    const { io } = context;
    const error = parseErrorOption(options.error);
    const payload =
      outcome === "succeed"
        ? options.result
        : error === undefined
          ? undefined
          : JSON.stringify(error);
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
      await target.sendCallback(callbackId, outcome, payload);
    } finally {
      await target.close();
    }
    if (options.json === true) io.stdout.write(`${JSON.stringify({ callbackId, outcome })}\n`);
    else
      io.stdout.write(
        `Callback ${outcome === "heartbeat" ? "heartbeat sent" : outcome === "succeed" ? "succeeded" : "failed"}: ${callbackId}\n`,
      );
  });
}
