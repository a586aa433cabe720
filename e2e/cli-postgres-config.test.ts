/**
 * A worker or a command pointed at a PostgreSQL it cannot use says why, and exits 2 (the command
 * line is wrong) or 3 (the database is): unreachable server, unknown role, wrong password (on a
 * throwaway cluster with passwords), missing database, a schema migrated by a newer Durably.
 * The shared server is only read from, except for the test's own schema.
 */
import path from "node:path";
import { createPostgresStore } from "@durably/store/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, requireBuiltCli, runCli, tempDir } from "./support/cli.ts";
import { skipWithoutPostgres, testDatabaseUrl, TestSchema } from "./support/postgres.ts";
import {
  findServerBinaries,
  freePort,
  startThrowawayCluster,
} from "./support/throwaway-cluster.ts";
import type { ThrowawayCluster } from "./support/throwaway-cluster.ts";

const fixture = path.join(repoRoot, "e2e/fixtures/chaos-orders.ts");
const skip = skipWithoutPostgres("CLI configuration errors on PostgreSQL");
const withUser = (url: string, user: string): string => {
  const parsed = new URL(url);
  parsed.username = user;
  return parsed.toString();
};
const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

describe("bad database configuration", () => {
  beforeAll(() => requireBuiltCli());

  it("names an unreachable server and exits 3, for a worker and for a command", async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/app`;
    for (const args of [
      ["worker", fixture, "--db", url],
      ["executions", "list", "--db", url],
    ]) {
      const result = await runCli(args);
      expect(result.code, `${result.stderr}`).toBe(3);
      expect(result.stderr).toContain(
        `could not connect to PostgreSQL at 127.0.0.1:${port}: connection refused`,
      );
    }
  });

  it("refuses --schema with a SQLite file and --fresh with PostgreSQL, exiting 2", async () => {
    const dir = tempDir("config");
    const sqlite = await runCli([
      "executions",
      "list",
      "--db",
      path.join(dir, "x.db"),
      "--schema",
      "s",
    ]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain("--schema applies to PostgreSQL");
    const fresh = await runCli([
      "run",
      fixture,
      "--function",
      "chaosOrder",
      "--fresh",
      "--db",
      "postgres://postgres@127.0.0.1:1/x",
    ]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain("--fresh deletes a SQLite file");
  });

  describe.skipIf(skip)("on the shared server", () => {
    let schema: TestSchema;
    beforeAll(() => {
      schema = new TestSchema("config");
    });
    afterAll(() => schema.drop());

    it("names an unknown role and a missing database, and exits 3", async () => {
      const url = testDatabaseUrl as string;
      const role = await runCli([
        "executions",
        "list",
        "--db",
        withUser(url, "durably_no_such_role"),
      ]);
      expect(role.code, `${role.stderr}`).toBe(3);
      expect(role.stderr).toContain('refused user "durably_no_such_role"');
      const database = await runCli([
        "worker",
        fixture,
        "--db",
        withDatabase(url, "durably_no_such_database"),
      ]);
      expect(database.code, `${database.stderr}`).toBe(3);
      expect(database.stderr).toContain('database "durably_no_such_database" does not exist');
    });

    it("refuses a schema migrated by a newer Durably, changing nothing, and exits 3", async () => {
      const url = testDatabaseUrl as string;
      const store = await createPostgresStore({ connectionString: url, schema: schema.name });
      await store.close();
      await schema.rows(
        "INSERT INTO $schema.durably_schema_migrations (version, description) VALUES (99, 'from the future')",
      );
      for (const args of [
        ["worker", fixture, "--db", url, "--schema", schema.name],
        ["executions", "list", "--db", url, "--schema", schema.name],
      ]) {
        const result = await runCli(args);
        expect(result.code, `${result.stderr}`).toBe(3);
        expect(result.stderr).toContain(`schema "${schema.name}"`);
        expect(result.stderr).toContain(
          "has schema version 99, newer than this version of Durably",
        );
      }
      const [row] = await schema.rows<{ n: string }>(
        "SELECT count(*) AS n FROM $schema.durably_schema_migrations",
      );
      expect(Number(row?.n)).toBe(2);
    });
  });

  const bin = findServerBinaries();
  describe.skipIf(bin === undefined)("on a cluster with passwords", () => {
    let cluster: ThrowawayCluster | undefined;
    beforeAll(async () => {
      cluster = await startThrowawayCluster(bin as string, { password: "right-secret-42" });
    });
    afterAll(() => cluster?.destroy());

    it("names a wrong password without printing it, and exits 3", async () => {
      const url = (cluster as ThrowawayCluster).url.replace("right-secret-42", "wrong-secret-17");
      const result = await runCli(["worker", fixture, "--db", url]);
      expect(result.code, `${result.stderr}`).toBe(3);
      expect(result.stderr).toContain('rejected the password of user "postgres"');
      expect(result.stderr + result.stdout).not.toContain("wrong-secret-17");
      // With the right password it gets as far as the (empty) database.
      const right = await runCli(["executions", "list", "--db", (cluster as ThrowawayCluster).url]);
      expect(right.code, `${right.stderr}`).toBe(2);
      expect(right.stderr).toContain("No Durably tables in postgres://postgres:***@127.0.0.1");
    });
  });
});
