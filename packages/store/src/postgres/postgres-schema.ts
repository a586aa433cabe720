/**
 * The PostgreSQL schema, created and upgraded by numbered migrations recorded in
 * `durably_schema_migrations`. Every table lives in one PostgreSQL schema (default "durably"), so
 * several stores, or test runs, can share a database. Append new migrations, never edit shipped ones.
 */
import { StoreError } from "../errors/store-error.ts";
import type { PgPool, PgPoolClient } from "./pg-driver.ts";

/** One migration: what it does, and its statements for a quoted schema name. */
interface Migration {
  description: string;
  sql: (s: string) => string;
}

// Instants are double precision: the epoch milliseconds the port speaks, any JS number exactly
// (fractions included). Counters are bigint. Ids and names sort bytewise (COLLATE "C"), as in the
// other adapters, whatever the database's collation.
const migrations: readonly Migration[] = [
  {
    description: "executions, operations (JSON bodies), history events and timers",
    sql: (s) => `
    CREATE TABLE ${s}.executions (
      execution_id     text COLLATE "C" PRIMARY KEY,
      function_name    text COLLATE "C" NOT NULL,
      name             text COLLATE "C" NOT NULL,
      status           text NOT NULL,
      input            text,
      result           text,
      error            text,
      started_at       double precision NOT NULL,
      ended_at         double precision,
      timeout_seconds  double precision,
      version          bigint NOT NULL,
      generation       bigint NOT NULL,
      checkpoint_seq   bigint NOT NULL,
      last_event_id    bigint NOT NULL,
      ready_at         double precision,
      lease_owner      text,
      lease_expires_at double precision,
      attributes       text
    );
    CREATE UNIQUE INDEX executions_by_name ON ${s}.executions (function_name, name);
    CREATE INDEX executions_by_started_at ON ${s}.executions (started_at, execution_id);
    CREATE INDEX executions_by_function ON ${s}.executions (function_name, started_at, execution_id);
    CREATE INDEX executions_by_status ON ${s}.executions (status, started_at, execution_id);
    -- When a RUNNING execution becomes claimable (lease expiry while leased, else readyAt): nextReadyAt.
    CREATE INDEX executions_claimable ON ${s}.executions ((coalesce(lease_expires_at, ready_at)))
      WHERE status = 'RUNNING';
    -- Claim order (least() skips NULLs: the earlier of readyAt and leaseExpiresAt).
    CREATE INDEX executions_claim_order ON ${s}.executions ((least(ready_at, lease_expires_at)), execution_id)
      WHERE status = 'RUNNING';

    CREATE TABLE ${s}.operations (
      execution_id    text COLLATE "C" NOT NULL REFERENCES ${s}.executions (execution_id) ON DELETE CASCADE,
      operation_id    text COLLATE "C" NOT NULL,
      seq             bigint NOT NULL,
      updated_version bigint NOT NULL,
      operation_type  text NOT NULL,
      status          text NOT NULL,
      callback_id     text COLLATE "C",
      body            text NOT NULL,
      PRIMARY KEY (execution_id, operation_id)
    );
    CREATE UNIQUE INDEX operations_by_seq ON ${s}.operations (execution_id, seq);
    CREATE INDEX operations_by_updated_version ON ${s}.operations (execution_id, updated_version);
    CREATE UNIQUE INDEX operations_by_callback_id ON ${s}.operations (callback_id)
      WHERE callback_id IS NOT NULL;

    CREATE TABLE ${s}.events (
      execution_id    text COLLATE "C" NOT NULL REFERENCES ${s}.executions (execution_id) ON DELETE CASCADE,
      event_id        bigint NOT NULL,
      event_type      text NOT NULL,
      event_timestamp double precision,
      body            text NOT NULL,
      PRIMARY KEY (execution_id, event_id)
    );

    CREATE TABLE ${s}.timers (
      execution_id text COLLATE "C" NOT NULL REFERENCES ${s}.executions (execution_id) ON DELETE CASCADE,
      timer_id     text COLLATE "C" NOT NULL,
      kind         text NOT NULL,
      operation_id text COLLATE "C",
      due_at       double precision NOT NULL,
      PRIMARY KEY (execution_id, timer_id)
    );
    CREATE INDEX timers_by_due_at ON ${s}.timers (due_at, execution_id, timer_id);
    `,
  },
];

/** The schema version this code writes. */
export const postgresSchemaVersion: number = migrations.length;

/** Name of the table recording the migrations applied. */
const migrationsTable = "durably_schema_migrations";

/** `name` as a quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** What the schema errors name: the schema and the server it is on. */
export interface SchemaPlace {
  schema: string;
  /** e.g. `database "test" at 127.0.0.1:5432`. */
  server: string;
}

function newerSchemaError(place: SchemaPlace, found: number): StoreError {
  return new StoreError(
    "UNAVAILABLE",
    `PostgreSQL schema "${place.schema}" (${place.server}) has schema version ${found}, newer than ` +
      `this version of Durably understands (${postgresSchemaVersion}); it was migrated by a newer ` +
      `Durably. Upgrade Durably to use it; nothing was changed.`,
  );
}

/** Reads the schema version (0 when the schema or its migrations table does not exist yet). */
async function readSchemaVersion(pool: PgPool | PgPoolClient, schema: string): Promise<number> {
  const table = `${quoteIdentifier(schema)}.${migrationsTable}`;
  const found = await pool.query({
    text: "SELECT to_regclass($1) IS NOT NULL AS present",
    values: [table],
  });
  if ((found.rows[0] as { present: boolean } | undefined)?.present !== true) return 0;
  const result = await pool.query({
    text: `SELECT coalesce(max(version), 0) AS version FROM ${table}`,
  });
  return Number((result.rows[0] as { version: number | string }).version);
}

/**
 * Refuses a schema newer than this code, then, when `migrate`, applies the missing migrations,
 * each in its own transaction holding an advisory lock on the schema's name: processes starting
 * at once queue on the lock, re-read the version and apply each migration exactly once.
 * Without `migrate`, an out-of-date schema is UNAVAILABLE. Returns the version found at start.
 */
export async function migratePostgresSchema(
  pool: PgPool,
  place: SchemaPlace,
  migrate: boolean,
): Promise<number> {
  const found = await readSchemaVersion(pool, place.schema);
  if (found > postgresSchemaVersion) throw newerSchemaError(place, found);
  if (found === postgresSchemaVersion) return found;
  if (!migrate) {
    throw new StoreError(
      "UNAVAILABLE",
      `PostgreSQL schema "${place.schema}" (${place.server}) has schema version ${found}, older than ` +
        `this version of Durably needs (${postgresSchemaVersion}); run the migrations first (open ` +
        `the store once with migrate enabled).`,
    );
  }
  const client = await pool.connect();
  let broken: unknown;
  try {
    while (await applyNextMigration(client, place)) {
      // One migration per transaction, until the schema is current.
    }
  } catch (error) {
    broken = error;
    await client.query({ text: "ROLLBACK" }).catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-migration may be unusable: destroy it rather than reuse it.
    client.release(broken instanceof Error ? broken : undefined);
  }
  return found;
}

/** Applies the next missing migration in one transaction; false when none was missing. */
async function applyNextMigration(client: PgPoolClient, place: SchemaPlace): Promise<boolean> {
  const s = quoteIdentifier(place.schema);
  await client.query({ text: "BEGIN" });
  // Two int4 keys: one for "Durably migrations", one for this schema; other schemas do not wait.
  await client.query({
    text: "SELECT pg_advisory_xact_lock(hashtext('durably.migrate'), hashtext($1))",
    values: [place.schema],
  });
  await client.query({ text: `CREATE SCHEMA IF NOT EXISTS ${s}` });
  await client.query({
    text: `CREATE TABLE IF NOT EXISTS ${s}.${migrationsTable} (
      version     integer PRIMARY KEY,
      description text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`,
  });
  // Read under the lock: another process may have migrated while this one waited.
  const current = await readSchemaVersion(client, place.schema);
  if (current > postgresSchemaVersion) throw newerSchemaError(place, current);
  const migration = migrations[current];
  if (migration === undefined) {
    await client.query({ text: "COMMIT" });
    return false;
  }
  await client.query({ text: migration.sql(s) });
  await client.query({
    text: `INSERT INTO ${s}.${migrationsTable} (version, description) VALUES ($1, $2)`,
    values: [current + 1, migration.description],
  });
  await client.query({ text: "COMMIT" });
  return true;
}
