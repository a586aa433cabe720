/**
 * The few driver calls the SQLite store makes, typed structurally (as Kysely does) so that
 * `node:sqlite` or another binding can replace better-sqlite3 by providing an opener. This is the
 * only file that imports better-sqlite3.
 */
import BetterSqlite3 from "better-sqlite3";

/** A value SQLite can bind. */
export type SqliteValue = string | number | bigint | null | Uint8Array;

/** A prepared statement. */
export interface SqliteStatement {
  run(...params: SqliteValue[]): { changes: number | bigint };
  get(...params: SqliteValue[]): unknown;
  all(...params: SqliteValue[]): unknown[];
}

/** An open connection. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
  /** True while a transaction is open (SQLite may roll one back on its own after an I/O error). */
  readonly inTransaction: boolean;
}

/** Opens a connection to the database file at `path`. */
export type SqliteOpener = (path: string) => SqliteDatabase;

/** Opens `path` with better-sqlite3. Busy waiting is configured by the store through PRAGMA. */
export const openBetterSqlite3: SqliteOpener = (path) => new BetterSqlite3(path);
