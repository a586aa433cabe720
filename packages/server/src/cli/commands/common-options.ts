/**
 * Options several commands share, declared once so they read the same everywhere.
 */
import type { Command } from "commander";
import { defaultDatabasePath } from "../wiring/open-database.ts";

/** Adds `--db <file>`. */
export function withDatabaseOption(command: Command): Command {
  return command.option("--db <file>", "SQLite database file", defaultDatabasePath);
}

/** Adds `--json`. */
export function withJsonOption(command: Command): Command {
  return command.option("--json", "print JSON for scripts instead of tables");
}
