/** The PostgreSQL store adapter (node-postgres by default): many processes share one database. */
export { PostgresStore, createPostgresStore } from "./postgres-store.ts";
/** Options of the PostgreSQL store. */
export type { PostgresStoreOptions } from "./postgres-store.ts";
/** The schema version this code writes (rows of `durably_schema_migrations`). */
export { postgresSchemaVersion } from "./postgres-schema.ts";
/** The structural driver types, for plugging in another PostgreSQL client. */
export type {
  PgNotification,
  PgPool,
  PgPoolClient,
  PgPoolConfig,
  PgPoolFactory,
  PgQuery,
  PgResult,
} from "./pg-driver.ts";
