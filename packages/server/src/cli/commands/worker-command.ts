/**
 * `durably worker <module…>`: a worker process of a fleet sharing one database (PostgreSQL for
 * many machines). Hosts every durable handler the modules export and runs their executions until
 * SIGTERM/SIGINT.
 */
import { Command } from "commander";
import { CliError } from "../cli-error.ts";
import type { CliContext } from "../cli-io.ts";
import { runWorker } from "../wiring/run-worker.ts";
import { withDatabaseOption } from "./common-options.ts";

interface WorkerOptions {
  db: string;
  schema?: string;
  concurrency?: string;
  lease?: string;
  verbose?: boolean;
}

/** Creates the `worker` command. */
export function createWorkerCommand(context: CliContext): Command {
  const command = new Command("worker")
    .summary("run the durable functions of a shared database, as one worker of many")
    .description(
      "Host the durable functions the modules export (each under its export name, a default " +
        "export under its file name) and run their executions, sharing the database with any " +
        "number of other workers and processes: each execution runs in one worker at a time, and " +
        "a worker that dies is replaced by the others once its leases expire. SIGTERM or SIGINT " +
        "stops claiming, lets the invocations in flight finish and exits 0; a second signal exits at once.",
    )
    .argument("<module...>", "TypeScript or JavaScript files exporting durable handlers")
    .option("--concurrency <n>", "invocations run at once, 1-1000 (default 16)")
    .option(
      "--lease <seconds>",
      "lease length: how long a dead worker's executions wait (default 60)",
    )
    .option("--verbose", "print a line per invocation");
  withDatabaseOption(command).addHelpText(
    "after",
    "\nExamples:\n" +
      "  durably worker ./orders.ts ./refunds.ts --db postgres://durably@db.internal:5432/durably\n" +
      "  durably worker ./orders.ts --db postgres://localhost/app --schema durably --concurrency 32\n",
  );
  return command.action(async (modulePaths: string[], options: WorkerOptions) => {
    const concurrency = parseNumberOption("--concurrency", options.concurrency, 1, 1000, true);
    const leaseSeconds = parseNumberOption("--lease", options.lease, 0.1, 86_400, false);
    const code = await runWorker(
      {
        modulePaths,
        location: { db: options.db, schema: options.schema },
        concurrency,
        leaseMs: leaseSeconds === undefined ? undefined : Math.round(leaseSeconds * 1000),
        verbose: options.verbose === true,
      },
      context.io,
    );
    context.setExitCode(code);
  });
}

/** Parses a numeric option in [min, max] (whole when `isInteger`); undefined when absent. */
function parseNumberOption(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  isInteger: boolean,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const isValid =
    text.trim() !== "" &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!isInteger || Number.isInteger(value));
  if (!isValid) {
    throw new CliError(
      "INVALID_OPTION",
      `${name} "${text}" must be a ${isInteger ? "whole " : ""}number from ${min} to ${max}.`,
    );
  }
  return value;
}
