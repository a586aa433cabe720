/**
 * Opening the store's connection pool: options checked, the pool created (or the caller's one
 * borrowed), the schema migrated, and the one query path every store call takes, which names
 * statements so each connection prepares them once and translates driver errors.
 */
import { createHash } from "node:crypto";
import type { StoreError } from "../errors/store-error.ts";
import { invalidArgument } from "../internal/store-errors.ts";
import {
  describeTarget,
  targetOfConnectionString,
  targetOfPool,
  type ConnectionTarget,
} from "./connection-target.ts";
import { createPgPool, type PgPool, type PgPoolFactory, type PgQuery } from "./pg-driver.ts";
import { toStoreError } from "./postgres-errors.ts";
import { migratePostgresSchema } from "./postgres-schema.ts";
import { schemaTables, type SchemaTables } from "./postgres-sql.ts";

/** Options of `createPostgresStore`. Give exactly one of `connectionString` and `pool`. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; the store creates a pool and ends it on close. */
  connectionString?: string;
  /** A pool the caller created and ends itself (close() leaves it open). */
  pool?: PgPool;
  /** PostgreSQL schema holding the tables, created when missing (default "durably"). */
  schema?: string;
  /** Most connections of the pool the store creates (default 10, at least 2). */
  poolSize?: number;
  /** `application_name` of those connections, as pg_stat_activity shows it (default "durably"). */
  applicationName?: string;
  /** How long to wait for a connection before failing with UNAVAILABLE (default 10000; 0 waits forever). */
  connectTimeoutMs?: number;
  /** Apply missing migrations when opening (default true); when false an out-of-date schema is UNAVAILABLE. */
  migrate?: boolean;
  /** NOTIFY `<schema>_ready` when a write gives an execution a readyAt (default true). */
  notifyReady?: boolean;
  /** Told of failures outside any call: an idle connection lost, LISTEN reconnecting (default: ignored). */
  onBackgroundError?: (error: StoreError) => void;
  /** Creates the pool from a connection string (default node-postgres); lets another driver be used. */
  createPool?: PgPoolFactory;
}

/** An open, migrated pool and what the store needs to use it. */
export interface OpenPool {
  pool: PgPool;
  schema: string;
  tables: SchemaTables;
  target: ConnectionTarget;
  notifyReady: boolean;
  /** Rows of `query`; driver errors become StoreErrors about `action` unless `translate` is false. */
  query(action: string, query: PgQuery, translate?: boolean): Promise<unknown[]>;
  /** Hands a failure outside any call to `onBackgroundError`. */
  reportBackgroundError(error: unknown, action: string): void;
  /** Ends the pool if the store created it. */
  close(): Promise<void>;
}

// Unquoted-identifier characters only, and short enough that `<schema>_ready` fits PostgreSQL's
// 63-byte limit on channel names.
const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,56}$/;
// Distinct statement texts given a name; past this many (unusual query shapes) texts run unnamed.
const maxNamedStatements = 1000;

function checkOptions(options: PostgresStoreOptions): {
  schema: string;
  poolSize: number;
  connectTimeoutMs: number;
} {
  const hasString = options.connectionString !== undefined;
  if (hasString === (options.pool !== undefined)) {
    throw invalidArgument("createPostgresStore needs exactly one of connectionString and pool");
  }
  if (
    hasString &&
    (typeof options.connectionString !== "string" || options.connectionString === "")
  ) {
    throw invalidArgument(
      "connectionString must be a non-empty string such as postgres://user@host:5432/db",
    );
  }
  const schema = options.schema ?? "durably";
  if (typeof schema !== "string" || !schemaPattern.test(schema)) {
    throw invalidArgument(
      `schema must be 1..57 letters, digits or underscores, not starting with a digit; got "${String(schema)}"`,
    );
  }
  const poolSize = options.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 2) {
    throw invalidArgument(
      `poolSize must be an integer >= 2 (LISTEN holds one connection), got ${String(poolSize)}`,
    );
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 0) {
    throw invalidArgument(
      `connectTimeoutMs must be an integer >= 0, got ${String(connectTimeoutMs)}`,
    );
  }
  return { schema, poolSize, connectTimeoutMs };
}

/** Creates or borrows the pool and brings the schema up to date; fails with a StoreError. */
export async function openPostgresPool(options: PostgresStoreOptions): Promise<OpenPool> {
  const { schema, poolSize, connectTimeoutMs } = checkOptions(options);
  const connectionString = options.connectionString;
  const target =
    connectionString === undefined
      ? targetOfPool(options.pool as PgPool)
      : targetOfConnectionString(connectionString);
  const translate = (error: unknown, action: string): StoreError =>
    toStoreError(error, { target, action }) as StoreError;
  const onBackgroundError = options.onBackgroundError;
  const reportBackgroundError = (error: unknown, action: string): void => {
    onBackgroundError?.(translate(error, action));
  };
  // node-postgres emits "error" for connections lost while idle; unhandled, it ends the process.
  const onPoolError = (error: Error): void =>
    reportBackgroundError(error, "keeping an idle connection");
  let pool: PgPool;
  try {
    pool =
      options.pool ??
      (options.createPool ?? createPgPool)({
        connectionString: connectionString as string,
        max: poolSize,
        applicationName: options.applicationName ?? "durably",
        connectTimeoutMs,
      });
  } catch (error) {
    throw translate(error, "creating the connection pool");
  }
  pool.on("error", onPoolError);
  const ownsPool = options.pool === undefined;
  const close = async (): Promise<void> => {
    try {
      if (ownsPool) await pool.end();
    } catch (error) {
      throw translate(error, "closing the connection pool");
    } finally {
      pool.removeListener("error", onPoolError);
    }
  };
  try {
    await migratePostgresSchema(
      pool,
      { schema, server: describeTarget(target) },
      options.migrate ?? true,
    );
  } catch (error) {
    await close().catch(() => undefined);
    throw translate(error, `opening the store on schema "${schema}"`);
  }
  const names = new Map<string, string>();
  const named = (query: PgQuery): PgQuery => {
    let name = names.get(query.text);
    if (name === undefined && names.size < maxNamedStatements) {
      name = `durably_${createHash("sha1").update(query.text).digest("base64url")}`;
      names.set(query.text, name);
    }
    return name === undefined ? query : { ...query, name };
  };
  return {
    pool,
    schema,
    tables: schemaTables(schema),
    target,
    notifyReady: options.notifyReady ?? true,
    async query(action, query, isTranslated = true) {
      try {
        return (await pool.query(named(query))).rows;
      } catch (error) {
        throw isTranslated ? translate(error, action) : error;
      }
    },
    reportBackgroundError,
    close,
  };
}
