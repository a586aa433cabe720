import Database from "better-sqlite3";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurablyError } from "../errors/store-error.ts";
import { checkExecutionQuery } from "../internal/query-checks.ts";
import { buildListExecutions } from "./list-executions-sql.ts";
import { schemaVersion } from "./sqlite-schema.ts";
import { sql } from "./sqlite-sql.ts";
import { createSqliteStore } from "./sqlite-store.ts";
import { tempDirectory } from "./sqlite-test-files.ts";

describe("SQLite schema", () => {
  let temp: Awaited<ReturnType<typeof tempDirectory>>;
  let path: string;

  beforeEach(async () => {
    temp = await tempDirectory("sqlite-schema");
    path = join(temp.dir, "schema.db");
  });
  afterEach(() => temp.remove());

  /** Runs `check` on a raw connection to a freshly created store file. */
  async function withRawDatabase(check: (db: Database.Database) => void): Promise<void> {
    await createSqliteStore({ path }).close();
    const db = new Database(path);
    try {
      check(db);
    } finally {
      db.close();
    }
  }

  it("creates the schema on a new file and records its version in user_version", async () => {
    await withRawDatabase((db) => {
      expect(db.pragma("user_version", { simple: true })).toBe(schemaVersion);
      const columns = (
        db.prepare("SELECT name FROM pragma_table_info('executions')").all() as { name: string }[]
      ).map((c) => c.name);
      expect(columns).toEqual(
        expect.arrayContaining([
          "execution_id",
          "function_name",
          "name",
          "status",
          "started_at",
          "ready_at",
          "lease_owner",
          "lease_expires_at",
          "generation",
          "checkpoint_seq",
        ]),
      );
      const tables = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .all();
      expect(tables).toStrictEqual([
        { name: "events" },
        { name: "executions" },
        { name: "operations" },
        { name: "timers" },
      ]);
    });
  });

  it("opens an up-to-date file again without migrating it", async () => {
    await createSqliteStore({ path }).close();
    const store = createSqliteStore({ path });
    expect(store.info().schemaVersion).toBe(schemaVersion);
    await store.close();
  });

  it("refuses a database whose schema is newer than this code with UNAVAILABLE naming the path and versions, changing nothing", async () => {
    const newer = new Database(path);
    newer.exec(`CREATE TABLE from_the_future (a); PRAGMA user_version = ${schemaVersion + 1}`);
    newer.close();
    let error: unknown;
    try {
      createSqliteStore({ path });
    } catch (caught) {
      error = caught;
    }
    expect(DurablyError.is(error) && error.code).toBe("UNAVAILABLE");
    const message = (error as Error).message;
    expect(message).toContain(path);
    expect(message).toContain(`schema version ${schemaVersion + 1}`);
    expect(message).toContain("newer");
    // The file is left as it was, journal mode included.
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(schemaVersion + 1);
    expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    db.close();
  });

  it("reads through indexes for lookups, due timers, claims and listings", async () => {
    await withRawDatabase((db) => {
      const plan = (text: string, params: unknown[]): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
          .map((r) => r.detail)
          .join(" | ");
      const arity = (text: string): unknown[] => Array.from(text.matchAll(/\?/g), () => 1);
      const expectations: [string, string][] = [
        [sql.executionByName, "executions_by_name"],
        [sql.operations, "operations_by_seq"],
        [sql.operationsChangedAfter, "operations_by_updated_version"],
        [sql.operationByCallbackId, "operations_by_callback_id"],
        [sql.dueTimers, "timers_by_due_at"],
        [sql.nextTimerDueAt, "timers_by_due_at"],
        [sql.claimable, "executions_claim_order"],
        [sql.nextReadyAt, "executions_claimable"],
        [sql.claimableOfFunctions, "executions_claim_order"],
        [sql.nextReadyAtOfFunctions, "executions_claimable"],
        [sql.renewLease, "sqlite_autoindex_executions_1"],
      ];
      for (const [text, index] of expectations) expect(plan(text, arity(text))).toContain(index);
      expect(plan(sql.claimable, arity(sql.claimable))).not.toContain("TEMP B-TREE");
      const ofFunctions = [sql.claimableOfFunctions, sql.nextReadyAtOfFunctions];
      for (const text of ofFunctions) expect(plan(text, arity(text))).not.toContain("TEMP B-TREE");
      const byFunction = buildListExecutions(checkExecutionQuery({ functionName: "orders" }));
      expect(plan(byFunction.sql, byFunction.params)).toContain("executions_by_function");
      const all = buildListExecutions(checkExecutionQuery({}));
      expect(plan(all.sql, all.params)).toContain("executions_by_started_at");
    });
  });
});
