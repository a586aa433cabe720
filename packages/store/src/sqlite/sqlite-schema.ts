/**
 * The SQLite schema, created and upgraded by numbered migrations; `PRAGMA user_version` records
 * how many have run. Append new migrations, never edit shipped ones.
 */
import { StoreError } from "../errors/store-error.ts";
import type { SqliteDatabase } from "./sqlite-driver.ts";

const migrations: readonly string[] = [
  // 1: executions, their operations (JSON bodies), history events and timers.
  `
  CREATE TABLE executions (
    execution_id     TEXT PRIMARY KEY,
    function_name    TEXT NOT NULL,
    name             TEXT NOT NULL,
    status           TEXT NOT NULL,
    input            TEXT,
    result           TEXT,
    error            TEXT,
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER,
    timeout_seconds  INTEGER,
    version          INTEGER NOT NULL,
    generation       INTEGER NOT NULL,
    checkpoint_seq   INTEGER NOT NULL,
    last_event_id    INTEGER NOT NULL,
    ready_at         INTEGER,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    attributes       TEXT
  );
  CREATE UNIQUE INDEX executions_by_name ON executions (function_name, name);
  CREATE INDEX executions_by_started_at ON executions (started_at, execution_id);
  CREATE INDEX executions_by_function ON executions (function_name, started_at, execution_id);
  CREATE INDEX executions_by_status ON executions (status, started_at, execution_id);
  -- When a RUNNING execution becomes claimable (lease expiry while leased, else readyAt): nextReadyAt.
  CREATE INDEX executions_claimable ON executions (coalesce(lease_expires_at, ready_at))
    WHERE status = 'RUNNING';
  -- Claim order (the earlier of readyAt and leaseExpiresAt), so claimReady reads no more rows than it needs.
  CREATE INDEX executions_claim_order ON executions (
    min(coalesce(ready_at, lease_expires_at), coalesce(lease_expires_at, ready_at)), execution_id
  ) WHERE status = 'RUNNING';

  CREATE TABLE operations (
    execution_id    TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,
    operation_id    TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    updated_version INTEGER NOT NULL,
    operation_type  TEXT NOT NULL,
    status          TEXT NOT NULL,
    callback_id     TEXT,
    body            TEXT NOT NULL,
    PRIMARY KEY (execution_id, operation_id)
  );
  CREATE UNIQUE INDEX operations_by_seq ON operations (execution_id, seq);
  CREATE INDEX operations_by_updated_version ON operations (execution_id, updated_version);
  CREATE UNIQUE INDEX operations_by_callback_id ON operations (callback_id) WHERE callback_id IS NOT NULL;

  CREATE TABLE events (
    execution_id    TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    event_timestamp INTEGER,
    body            TEXT NOT NULL,
    PRIMARY KEY (execution_id, event_id)
  );

  CREATE TABLE timers (
    execution_id TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,
    timer_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    operation_id TEXT,
    due_at       INTEGER NOT NULL,
    PRIMARY KEY (execution_id, timer_id)
  ) WITHOUT ROWID;
  CREATE INDEX timers_by_due_at ON timers (due_at, execution_id, timer_id);
  `,
];

/** The schema version this code writes. */
export const schemaVersion: number = migrations.length;

/** Reads `PRAGMA user_version`. */
export function readSchemaVersion(db: SqliteDatabase): number {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number };
  return row.user_version;
}

function newerSchemaError(path: string, found: number): StoreError {
  return new StoreError(
    "UNAVAILABLE",
    `SQLite database "${path}" has schema version ${found}, newer than this version of Durably ` +
      `understands (${schemaVersion}); it was written by a newer Durably. Upgrade Durably to open it.`,
  );
}

/** Reads the schema version and refuses one newer than this code, before anything is written. */
export function checkSchemaVersion(db: SqliteDatabase, path: string): number {
  const found = readSchemaVersion(db);
  if (found > schemaVersion) throw newerSchemaError(path, found);
  return found;
}

/**
 * Brings the schema up to date. Runs under `BEGIN IMMEDIATE` and re-reads the version inside the
 * transaction, so two processes opening a fresh file at once migrate it exactly once.
 */
export function migrateSchema(db: SqliteDatabase, path: string): void {
  if (checkSchemaVersion(db, path) === schemaVersion) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    const current = readSchemaVersion(db);
    if (current > schemaVersion) throw newerSchemaError(path, current);
    for (let version = current + 1; version <= schemaVersion; version++) {
      db.exec(migrations[version - 1] as string);
      db.exec(`PRAGMA user_version = ${version}`);
    }
    db.exec("COMMIT");
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
