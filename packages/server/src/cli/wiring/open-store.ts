/**
 * Opens the store a `--db` option names: a postgres:// (or postgresql://) URL selects the
 * PostgreSQL store, shared by every process pointed at it; anything else is a SQLite file path
 * (an optional `sqlite:` prefix is dropped). The one place the CLI chooses an adapter.
 */
import type { Store } from "@durably/store";
import { hasErrorCode } from "@durably/store";
import { createPostgresStore } from "@durably/store/postgres";
import { CliError } from "../cli-error.ts";
import { openDatabase } from "./open-database.ts";

/** Where a command's executions live, as `--db` and `--schema` give it. */
export interface StoreLocation {
  /** A SQLite file path (relative to the working directory), or a PostgreSQL URL. */
  db: string;
  /** PostgreSQL schema (default "durably"); refused for SQLite. */
  schema?: string | undefined;
}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  cwd: string;
  /** Create what is missing (file, schema); otherwise a missing database is an error. */
  create: boolean;
  /** SQLite only: delete the file first. */
  fresh?: boolean;
  /** PostgreSQL: most pooled connections (default 10). */
  poolSize?: number;
}

/** True when `db` names a PostgreSQL database. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** `db` as a user can read it: a URL without its password. */
export function describeStoreLocation(location: StoreLocation): string {
  if (!isPostgresUrl(location.db)) return location.db.replace(/^sqlite:/, "");
  const shown = location.db.replace(/(\/\/[^/:@\s]*):[^@/\s]*@/, "$1:***@");
  return `${shown} (schema ${location.schema ?? "durably"})`;
}

/** Opens the store; fails with a CliError (usage) or a StoreError (UNAVAILABLE…) saying what is wrong. */
export async function openStore(
  location: StoreLocation,
  options: OpenStoreOptions,
): Promise<Store> {
  const { db, schema } = location;
  if (!isPostgresUrl(db)) {
    if (schema !== undefined) {
      throw new CliError(
        "INVALID_OPTION",
        `--schema applies to PostgreSQL; ${db} is a SQLite file.`,
        {
          hint: "Drop --schema, or pass a postgres://user@host:5432/database URL to --db.",
        },
      );
    }
    return openDatabase({
      dbPath: db.replace(/^sqlite:/, ""),
      cwd: options.cwd,
      create: options.create,
      ...(options.fresh === undefined ? {} : { fresh: options.fresh }),
    });
  }
  if (options.fresh === true) {
    throw new CliError("INVALID_OPTION", "--fresh deletes a SQLite file; --db names PostgreSQL.", {
      hint: "Drop --fresh; to start over on PostgreSQL, use another --schema.",
    });
  }
  try {
    return await createPostgresStore({
      connectionString: db,
      ...(schema === undefined ? {} : { schema }),
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      applicationName: "durably-cli",
      connectTimeoutMs: 5000,
      // Commands that only read must not create a schema a typo named.
      migrate: options.create,
    });
  } catch (error) {
    // The adapter's word for a schema without tables: as for a missing SQLite file, say so.
    if (
      !options.create &&
      hasErrorCode(error, "UNAVAILABLE") &&
      /schema version 0,/.test(String(error))
    ) {
      throw new CliError(
        "DATABASE_NOT_FOUND",
        `No Durably tables in ${describeStoreLocation(location)}.`,
        {
          hint: "Start a worker on it (durably worker … --db <url>), copy executions there with `durably migrate`, or fix --schema.",
          cause: error,
        },
      );
    }
    throw error;
  }
}
