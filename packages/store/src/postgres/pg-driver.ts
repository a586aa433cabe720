/**
 * The few driver calls the PostgreSQL store makes, typed structurally (as Kysely does) so that
 * another client can replace node-postgres by providing a pool with these methods. This is the
 * only file that imports `pg`.
 */
import pg from "pg";

/** One statement and its parameters; a `name` makes the driver prepare it once per connection. */
export interface PgQuery {
  text: string;
  values?: unknown[];
  name?: string;
}

/** What a statement returns. */
export interface PgResult {
  rows: unknown[];
}

/** A LISTEN/NOTIFY message. */
export interface PgNotification {
  channel: string;
  payload?: string | undefined;
}

/** A connection checked out of the pool (held by the store only for LISTEN). */
export interface PgPoolClient {
  query(query: PgQuery): Promise<PgResult>;
  /** Returns the connection to the pool; `true` or an error destroys it instead. */
  release(destroy?: boolean | Error): void;
  on(event: "notification", listener: (message: PgNotification) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: "notification", listener: (message: PgNotification) => void): unknown;
  removeListener(event: "error", listener: (error: Error) => void): unknown;
}

/** A connection pool. */
export interface PgPool {
  query(query: PgQuery): Promise<PgResult>;
  connect(): Promise<PgPoolClient>;
  /** Closes every connection; queries in flight finish first. */
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener(event: "error", listener: (error: Error) => void): unknown;
}

/** How the store asks for a pool when it creates one itself. */
export interface PgPoolConfig {
  connectionString: string;
  /** Most connections open at once. */
  max: number;
  /** Shown in `pg_stat_activity.application_name`. */
  applicationName: string;
  /** Gives up connecting after this long (0 waits forever). */
  connectTimeoutMs: number;
}

/** Creates a pool; lets another PostgreSQL client be used. */
export type PgPoolFactory = (config: PgPoolConfig) => PgPool;

/** Creates a node-postgres pool. */
export const createPgPool: PgPoolFactory = (config) =>
  new pg.Pool({
    connectionString: config.connectionString,
    max: config.max,
    application_name: config.applicationName,
    connectionTimeoutMillis: config.connectTimeoutMs,
    // Idle connections are closed after a while so an idle worker does not pin server slots.
    idleTimeoutMillis: 30_000,
  });
