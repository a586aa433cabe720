/**
 * The PostgreSQL side of the multi-worker tests: the test database (DURABLY_TEST_POSTGRES_URL; the
 * tests skip with a notice without it), a randomly named schema per test that is dropped after
 * it, and what the tests read back from a schema: executions, histories, callbacks to answer.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test database URL, or undefined when PostgreSQL tests are to be skipped. */
export const testDatabaseUrl: string | undefined =
  process.env["DURABLY_TEST_POSTGRES_URL"] || undefined;

/** Warns that `what` is skipped when no test database is configured; returns true then. */
export function skipWithoutPostgres(what: string): boolean {
  if (testDatabaseUrl !== undefined) return false;
  console.warn(
    `[durably e2e] ${what}: SKIPPED, DURABLY_TEST_POSTGRES_URL is not set. Set it to a PostgreSQL ` +
      "database the tests may create schemas in, e.g. postgres://postgres@127.0.0.1:5432/test",
  );
  return true;
}

/** A fresh schema name: `durably_e2e_<label>_<random>`. */
export function randomSchemaName(label: string): string {
  return `durably_e2e_${label}_${randomBytes(5).toString("hex")}`;
}

/** A schema of the test database the test owns, with an admin pool to look into it. */
export class TestSchema {
  readonly name: string;
  readonly url: string;
  readonly admin: pg.Pool;

  constructor(label: string, url: string = testDatabaseUrl ?? "") {
    this.name = randomSchemaName(label);
    this.url = url;
    this.admin = new pg.Pool({
      connectionString: url,
      max: 2,
      application_name: "durably-e2e-admin",
    });
    // A test may restart the server under this pool: lost idle connections are expected.
    this.admin.on("error", () => undefined);
  }

  /** Rows of `text`, with `$schema` replaced by the quoted schema name. */
  async rows<R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    const result = await this.admin.query(text.replaceAll("$schema", `"${this.name}"`), values);
    return result.rows as R[];
  }

  /** Orders finished and executions still running: one cheap query, for polling. */
  async orderProgress(): Promise<{ finished: number; running: number }> {
    const [row] = await this.rows<{ finished: string; running: string }>(
      `SELECT count(*) FILTER (WHERE status <> 'RUNNING' AND function_name = 'chaosOrder') AS finished,
        count(*) FILTER (WHERE status = 'RUNNING') AS running FROM $schema.executions`,
    );
    return { finished: Number(row?.finished), running: Number(row?.running) };
  }

  /** Drops the schema (only this one) and closes the pool. */
  async drop(): Promise<void> {
    try {
      await this.rows("DROP SCHEMA IF EXISTS $schema CASCADE");
    } finally {
      await this.admin.end();
    }
  }
}
