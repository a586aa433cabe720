/**
 * The real PostgreSQL the `*.pg.test.ts` files use (not a test file itself). The URL comes from
 * DURABLY_TEST_POSTGRES_URL (`.ci/run` sets it); without it the tests skip with a notice. Each test
 * file works in its own randomly named schema and drops it afterwards, touching no other schema.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test database URL, or undefined when PostgreSQL tests are to be skipped. */
export const testDatabaseUrl: string | undefined =
  process.env.DURABLY_TEST_POSTGRES_URL || undefined;

/** Warns that `what` is skipped when no test database is configured; returns true then. */
export function skipWithoutDatabase(what: string): boolean {
  if (testDatabaseUrl !== undefined) return false;
  console.warn(
    `[durably] ${what}: SKIPPED, DURABLY_TEST_POSTGRES_URL is not set. Set it to a PostgreSQL database ` +
      `the tests may create schemas in, e.g. postgres://postgres@127.0.0.1:5432/test`,
  );
  return true;
}

/** A fresh schema name: `durably_test_<label>_<random>`. */
function randomSchemaName(label: string): string {
  return `durably_test_${label}_${randomBytes(5).toString("hex")}`;
}

/** A randomly named schema and an admin connection pool for looking into it. */
export class TestSchema {
  readonly name: string;
  readonly admin: pg.Pool;

  constructor(label: string) {
    this.name = randomSchemaName(label);
    this.admin = new pg.Pool({
      connectionString: testDatabaseUrl,
      max: 3,
      application_name: "durably-test-admin",
    });
    this.admin.on("error", () => undefined);
  }

  /** Rows of `text` (with `$schema` replaced by the quoted schema name). */
  async rows<R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    const result = await this.admin.query(text.replaceAll("$schema", `"${this.name}"`), values);
    return result.rows as R[];
  }

  /** How many server connections carry `applicationName`. */
  async connections(applicationName: string): Promise<number> {
    const sql = "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1";
    return Number((await this.rows<{ n: string }>(sql, [applicationName]))[0]?.n);
  }

  /**
   * {@link connections} once the server has caught up with clients that hung up: it lists a
   * backend until that process notices and exits, a few milliseconds later (waits 2 s at most).
   */
  async connectionsAfterHangUp(applicationName: string): Promise<number> {
    for (let tries = 0; tries < 100; tries++) {
      const count = await this.connections(applicationName);
      if (count === 0) return 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.connections(applicationName);
  }

  /** Empties the store's tables (between the tests of one file). */
  async truncate(): Promise<void> {
    await this.rows(
      "TRUNCATE $schema.executions, $schema.operations, $schema.events, $schema.timers",
    );
  }

  /** Drops the schema and closes the admin pool. */
  async drop(): Promise<void> {
    try {
      await this.rows("DROP SCHEMA IF EXISTS $schema CASCADE");
    } finally {
      await this.admin.end();
    }
  }
}
