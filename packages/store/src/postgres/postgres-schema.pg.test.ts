import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf } from "../conformance/store-fixtures.ts";
import { checkExecutionQuery } from "../internal/query-checks.ts";
import { buildListExecutions } from "./list-executions-sql.ts";
import { postgresSchemaVersion } from "./postgres-schema.ts";
import { postgresSql, schemaTables } from "./postgres-sql.ts";
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "./postgres-store.ts";
import { skipWithoutDatabase, testDatabaseUrl, TestSchema } from "./postgres-test-database.ts";

const skip = skipWithoutDatabase("PostgreSQL schema tests");

describe.skipIf(skip)("PostgreSQL schema and migrations", () => {
  let schema: TestSchema;
  const open: PostgresStore[] = [];
  const openStore = async (options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> => {
    const store = await createPostgresStore({
      connectionString: testDatabaseUrl as string,
      schema: schema.name,
      poolSize: 2,
      ...options,
    });
    open.push(store);
    return store;
  };
  const tables = async (): Promise<string[]> =>
    (
      await schema.rows<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
        [schema.name],
      )
    ).map((row) => row.name);
  const migrations = (): Promise<{ version: number; applied_at: Date }[]> =>
    schema.rows(
      "SELECT version, applied_at FROM $schema.durably_schema_migrations ORDER BY version",
    );

  beforeAll(() => {
    schema = new TestSchema("schema");
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await schema.rows("DROP SCHEMA IF EXISTS $schema CASCADE");
  });
  afterAll(() => schema.drop());

  it("creates the schema, its tables and one migrations row per version on first open", async () => {
    await openStore();
    expect(await tables()).toStrictEqual([
      "durably_schema_migrations",
      "events",
      "executions",
      "operations",
      "timers",
    ]);
    expect((await migrations()).map((row) => row.version)).toStrictEqual(
      Array.from({ length: postgresSchemaVersion }, (_, i) => i + 1),
    );
  });

  it("applies each migration exactly once when five stores open a fresh schema at once", async () => {
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore()));
    expect((await migrations()).map((row) => row.version)).toStrictEqual(
      Array.from({ length: postgresSchemaVersion }, (_, i) => i + 1),
    );
    const created = await stores[0]!.createExecution({
      execution: {
        executionId: "e1",
        name: "n",
        functionName: "f",
        status: "RUNNING",
        startedAt: 1,
        generation: 0,
        checkpointSeq: 0,
        lastEventId: 0,
      },
      operations: [],
      events: [],
      timers: [],
    });
    for (const store of stores) {
      expect(await store.getExecution("e1")).toStrictEqual(created.execution);
    }
  });

  it("opens an up-to-date schema again without migrating it", async () => {
    await openStore();
    const before = await migrations();
    await openStore();
    expect(await migrations()).toStrictEqual(before);
  });

  it("refuses a schema newer than this code with UNAVAILABLE naming both versions, changing nothing", async () => {
    const newer = postgresSchemaVersion + 1;
    await schema.rows(`CREATE SCHEMA $schema;
      CREATE TABLE $schema.durably_schema_migrations (version integer PRIMARY KEY, description text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO $schema.durably_schema_migrations (version, description)
        SELECT v, 'from the future' FROM generate_series(1, ${newer}) AS v;
      CREATE TABLE $schema.from_the_future (a int);`);
    const before = await tables();
    const error = await rejectionOf(openStore());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(`schema "${schema.name}"`);
    expect(error.message).toContain(`schema version ${newer}`);
    expect(error.message).toContain(`understands (${postgresSchemaVersion})`);
    expect(error.message).toContain('database "test"');
    expect(await tables()).toStrictEqual(before);
    expect(await migrations()).toHaveLength(newer);
  });

  it("with migrate: false, refuses an out-of-date schema with UNAVAILABLE and creates nothing", async () => {
    const error = await rejectionOf(openStore({ migrate: false }));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("schema version 0, older than");
    expect(await tables()).toStrictEqual([]);
    await openStore();
    await expect(openStore({ migrate: false })).resolves.toBeDefined();
  });

  it("plans lookups, due timers, claims and listings through the schema's indexes", async () => {
    await openStore();
    const client = await schema.admin.connect();
    try {
      // Enough rows, with statistics, for the planner to choose as it would in production; all of
      // it rolled back at the end.
      await client.query(
        `BEGIN;
        INSERT INTO $schema.executions SELECT 'e' || i, 'f' || (i % 10), 'n' || i,
          CASE WHEN i % 3 = 0 THEN 'RUNNING' ELSE 'SUCCEEDED' END, NULL, NULL, NULL, i, NULL, NULL,
          1, 0, 0, 0, CASE WHEN i % 6 = 0 THEN i END, NULL, CASE WHEN i % 21 = 0 THEN i + 5 END, NULL
          FROM generate_series(1, 20000) AS i;
        INSERT INTO $schema.operations SELECT 'e' || (i % 20000 + 1), 'op' || i, i, i % 7, 'STEP',
          'SUCCEEDED', CASE WHEN i % 4 = 0 THEN 'cb' || i END, '{}' FROM generate_series(1, 60000) AS i;
        INSERT INTO $schema.timers SELECT 'e' || i, 't', 'wait', NULL, i FROM generate_series(1, 20000) AS i;
        ANALYZE $schema.executions, $schema.operations, $schema.timers;
        SET LOCAL plan_cache_mode = force_generic_plan`.replaceAll("$schema", `"${schema.name}"`),
      );
      const plan = async (text: string, args: string): Promise<string> => {
        await client.query(`PREPARE plan_probe AS ${text}`);
        const rows = (await client.query(`EXPLAIN EXECUTE plan_probe${args}`)).rows as {
          "QUERY PLAN": string;
        }[];
        await client.query("DEALLOCATE plan_probe");
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      };
      const tables = schemaTables(schema.name);
      const sql = postgresSql(tables);
      const byFunction = buildListExecutions(tables, checkExecutionQuery({ functionName: "f1" }));
      const all = buildListExecutions(tables, checkExecutionQuery({}));
      // Any index on execution_id suits the operations of one execution (a few rows, sorted or not).
      const expectations: [string, string, string, RegExp][] = [
        ["executionByName", sql.executionByName, "('f1', 'n11')", /executions_by_name/],
        ["operations", sql.operations, "('e5')", /operations_(by_seq|by_updated_version|pkey)/],
        ["changed after", sql.operationsChangedAfter, "('e5', 3)", /operations_by_updated_version/],
        ["callback", sql.operationByCallbackId, "('cb8')", /operations_by_callback_id/],
        ["dueTimers", sql.dueTimers, "(100, 10)", /timers_by_due_at/],
        ["nextTimerDueAt", sql.nextTimerDueAt, "", /timers_by_due_at/],
        ["claim", sql.claim, "(5000, 10, 'w', 6000)", /executions_claim_order/],
        ["nextReadyAt", sql.nextReadyAt, "", /executions_claimable/],
        [
          "claim of functions",
          sql.claimOfFunctions,
          "(5000, 10, 'w', 6000, '{f1,f2}')",
          /executions_claim_order/,
        ],
        [
          "nextReadyAt of functions",
          sql.nextReadyAtOfFunctions,
          "('{f1}')",
          /executions_claimable/,
        ],
        ["renewLease", sql.renewLease, "(1, 'e3', 'w', 1)", /executions_pkey/],
        ["claimDueTimers", sql.claimDueTimers, "(100, 10, 2000)", /timers_by_due_at/],
        ["list by function", byFunction.text, "('f1', 101)", /executions_by_function/],
        ["list all", all.text, "(101)", /executions_by_started_at/],
      ];
      const misplanned: string[] = [];
      for (const [what, text, args, index] of expectations) {
        const explained = await plan(text, args);
        if (!index.test(explained) || explained.includes("Seq Scan")) {
          misplanned.push(`${what}:\n${explained}`);
        }
      }
      expect(misplanned).toStrictEqual([]);
      await client.query("ROLLBACK");
    } finally {
      client.release(true); // destroyed: a failed assertion may leave its transaction open
    }
  });
});
