/**
 * Opens the SQLite file the CLI keeps executions in. Read-only commands refuse a missing file
 * instead of creating an empty one, so a typo in --db never leaves stray databases behind.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Store } from "@durably/store";
import { createSqliteStore } from "@durably/store/sqlite";
import { CliError } from "../cli-error.ts";

/** Default database file, relative to the working directory. */
export const defaultDatabasePath = ".durably/durably.db";

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Path as given by --db, relative to `cwd`. */
  dbPath: string;
  cwd: string;
  /** Create the file (and its directories) when missing; otherwise a missing file is an error. */
  create: boolean;
  /** Delete the file (and its WAL companions) first. */
  fresh?: boolean;
}

/** Opens the store; throws DATABASE_NOT_FOUND when the file is missing and `create` is false. */
export function openDatabase(options: OpenDatabaseOptions): Store {
  if (/^postgres(ql)?:\/\//i.test(options.dbPath)) {
    // Commands reach here only when they open SQLite themselves (openStore handles both).
    throw new CliError("INVALID_OPTION", "This command works on a SQLite file, not PostgreSQL.", {
      hint: "Pass a SQLite file path to --db.",
    });
  }
  const file = path.resolve(options.cwd, options.dbPath);
  if (options.fresh === true) {
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      rmSync(`${file}${suffix}`, { force: true });
  }
  if (!existsSync(file)) {
    if (!options.create) {
      throw new CliError("DATABASE_NOT_FOUND", `No database at ${options.dbPath} (${file}).`, {
        hint: "Run a function first with `durably run`, or point --db at an existing database file.",
      });
    }
    mkdirSync(path.dirname(file), { recursive: true });
  }
  return createSqliteStore({ path: file });
}
