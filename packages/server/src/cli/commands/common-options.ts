/**
 * Options several commands share, declared once so they read the same everywhere.
 */
import type { Command } from "commander";
import { defaultDatabasePath } from "../wiring/open-database.ts";

/** Adds `--db <file-or-url>` and `--schema <name>`. */
export function withDatabaseOption(command: Command): Command {
  return command
    .option(
      "--db <file-or-url>",
      "SQLite database file, or a postgres://user@host:5432/database URL",
      defaultDatabasePath,
    )
    .option("--schema <name>", 'PostgreSQL schema holding the tables (default "durably")');
}

/** Adds `--json`. */
export function withJsonOption(command: Command): Command {
  return command.option("--json", "print JSON for scripts instead of tables");
}
