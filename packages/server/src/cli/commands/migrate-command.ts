/**
 * `durably migrate --from <db> --to <db>`: copies every execution from one database into another,
 * e.g. from the embedded SQLite file to the PostgreSQL that many workers share.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { migrateStore } from "../wiring/migrate-store.ts";

interface MigrateOptions {
  from: string;
  to: string;
  schema?: string;
}

/** Creates the `migrate` command. */
export function createMigrateCommand(context: CliContext): Command {
  return new Command("migrate")
    .summary("copy every execution from one database into another")
    .description(
      "Copy every execution (running ones included) with its operations, history and timers, " +
        "exactly as stored, from --from into --to, then check the counts in the target. Each " +
        "execution is copied atomically; running the command again skips the executions already " +
        "copied. Stop the processes using the source first: what they write later is not copied.",
    )
    .requiredOption("--from <db>", "source: sqlite:FILE (or a file path), or a postgres:// URL")
    .requiredOption("--to <db>", "target: a postgres:// URL, or sqlite:FILE")
    .option("--schema <name>", 'PostgreSQL schema of the PostgreSQL side(s) (default "durably")')
    .addHelpText(
      "after",
      "\nExample:\n" +
        "  durably migrate --from sqlite:.durably/durably.db --to postgres://durably@db.internal:5432/durably\n",
    )
    .action(async (options: MigrateOptions) => {
      const schemaOf = (db: string): string | undefined =>
        /^postgres(ql)?:\/\//i.test(db) ? options.schema : undefined;
      const code = await migrateStore(
        {
          from: { db: options.from, schema: schemaOf(options.from) },
          to: { db: options.to, schema: schemaOf(options.to) },
        },
        context.io,
      );
      context.setExitCode(code);
    });
}
