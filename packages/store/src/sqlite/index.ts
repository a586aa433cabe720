/** The SQLite store adapter (better-sqlite3 by default): one file, WAL, durable group commits. */
export { SqliteStore, createSqliteStore } from "./sqlite-store.ts";
/** Options, settings and the synchronous levels of the SQLite store. */
export type { SqliteStoreOptions } from "./sqlite-store.ts";
/** Settings of an open SQLite database and the synchronous levels. */
export type { SqliteDatabaseInfo, SqliteSynchronous } from "./open-sqlite-database.ts";
/** The structural driver types, for plugging in another SQLite binding. */
export type {
  SqliteDatabase,
  SqliteOpener,
  SqliteStatement,
  SqliteValue,
} from "./sqlite-driver.ts";
