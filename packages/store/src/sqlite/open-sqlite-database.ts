/**
 * Opening a database file: connection settings (busy timeout, WAL, synchronous, foreign keys),
 * then the schema migrations. Failures become StoreErrors that name the file.
 */
import { invalidArgument } from "../internal/store-errors.ts";
import type { SqliteDatabase, SqliteOpener } from "./sqlite-driver.ts";
import { toStoreError } from "./sqlite-errors.ts";
import { checkSchemaVersion, migrateSchema, readSchemaVersion } from "./sqlite-schema.ts";

/** Values of `PRAGMA synchronous`; FULL makes every commit durable across power loss in WAL mode. */
export type SqliteSynchronous = "OFF" | "NORMAL" | "FULL" | "EXTRA";

/** The synchronous levels, indexed by the number `PRAGMA synchronous` reports. */
export const synchronousLevels: readonly SqliteSynchronous[] = ["OFF", "NORMAL", "FULL", "EXTRA"];

/** Settings of an open database, as SQLite reports them. */
export interface SqliteDatabaseInfo {
  path: string;
  journalMode: string;
  synchronous: SqliteSynchronous;
  busyTimeoutMs: number;
  schemaVersion: number;
}

/** How to open a database file. */
export interface OpenSqliteDatabaseOptions {
  path: string;
  synchronous: SqliteSynchronous;
  busyTimeoutMs: number;
  open: SqliteOpener;
}

/** Opens, configures and migrates the database at `options.path`. */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): SqliteDatabase {
  const { path, synchronous, busyTimeoutMs } = options;
  // Checked here because both end up interpolated into PRAGMA text.
  if (!synchronousLevels.includes(synchronous)) {
    throw invalidArgument(
      `synchronous must be one of ${synchronousLevels.join(", ")}, got ${String(synchronous)}`,
    );
  }
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw invalidArgument(`busyTimeoutMs must be an integer >= 0, got ${String(busyTimeoutMs)}`);
  }
  let db: SqliteDatabase | undefined;
  try {
    db = options.open(path);
    db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs}`);
    // The first read of the file: a file that is not a database, a locked one or one with a
    // newer schema fails here, before anything (even the journal mode) is written to it.
    checkSchemaVersion(db, path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(`PRAGMA synchronous = ${options.synchronous}`);
    db.exec("PRAGMA foreign_keys = ON");
    migrateSchema(db, path);
    return db;
  } catch (error) {
    try {
      db?.close();
    } catch {
      // The failure to open is what the caller needs to see.
    }
    throw toStoreError(error, path, "opening the database");
  }
}

/** Reads the settings in effect on `db`. */
export function readSqliteInfo(db: SqliteDatabase, path: string): SqliteDatabaseInfo {
  const journal = db.prepare("PRAGMA journal_mode").get() as { journal_mode: string };
  const synchronous = db.prepare("PRAGMA synchronous").get() as { synchronous: number };
  const timeout = db.prepare("PRAGMA busy_timeout").get() as Record<string, number>;
  return {
    path,
    journalMode: journal.journal_mode,
    synchronous: synchronousLevels[synchronous.synchronous] ?? "FULL",
    busyTimeoutMs: Object.values(timeout)[0] ?? 0,
    schemaVersion: readSchemaVersion(db),
  };
}
