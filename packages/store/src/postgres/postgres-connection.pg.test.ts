import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoreError } from "../errors/store-error.ts";
import { newExecution, rejectionOf } from "../conformance/store-fixtures.ts";
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "./postgres-store.ts";
import { skipWithoutDatabase, testDatabaseUrl, TestSchema } from "./postgres-test-database.ts";

const skip = skipWithoutDatabase("PostgreSQL connection tests");

/** `testDatabaseUrl` with another user, password or database. */
function urlWith(change: { user?: string; password?: string; database?: string }): string {
  const url = new URL(testDatabaseUrl as string);
  if (change.user !== undefined) url.username = change.user;
  if (change.password !== undefined) url.password = change.password;
  if (change.database !== undefined) url.pathname = `/${change.database}`;
  return url.toString();
}

describe.skipIf(skip)("PostgresStore connections", () => {
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
  /** Terminates the server processes of `applicationName` (as an administrator or a restart would). */
  const terminate = (applicationName: string): Promise<unknown> =>
    schema.rows(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [applicationName],
    );

  beforeAll(async () => {
    schema = new TestSchema("connection");
    await openStore();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await schema.truncate();
  });
  afterAll(() => schema.drop());

  it("fails with UNAVAILABLE naming host and port when nothing listens there", async () => {
    const error = await rejectionOf(
      createPostgresStore({ connectionString: "postgres://postgres:s3cret@127.0.0.1:5999/test" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(
      "could not connect to PostgreSQL at 127.0.0.1:5999: connection refused",
    );
    expect(error.message).not.toContain("s3cret");
  });

  it("names the user and database, never the password, when the user does not exist", async () => {
    const user = `nobody_${randomBytes(4).toString("hex")}`;
    const password = "pa55-word-xyz";
    const error = await rejectionOf(
      createPostgresStore({ connectionString: urlWith({ user, password }), schema: schema.name }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(`user "${user}"`);
    expect(error.message).toContain('database "test"');
    expect(error.message).not.toContain(password);
    expect(String((error.cause as Error | undefined)?.message)).not.toContain(password);
  });

  it("names the database and the user when the database does not exist", async () => {
    const database = `durably_missing_${randomBytes(4).toString("hex")}`;
    const error = await rejectionOf(
      createPostgresStore({ connectionString: urlWith({ database, password: "hush-hush" }) }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(`database "${database}" does not exist`);
    expect(error.message).toContain('user "postgres"');
    expect(error.message).not.toContain("hush-hush");
  });

  it("fails with UNAVAILABLE naming the host when it does not resolve", async () => {
    const error = await rejectionOf(
      createPostgresStore({
        connectionString: "postgres://postgres@durably-no-such-host.invalid/test",
      }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("durably-no-such-host.invalid:5432: host not found");
  });

  it("reports idle connections the server terminated, and keeps working on new ones", async () => {
    const applicationName = `durably-idle-${randomBytes(4).toString("hex")}`;
    const background: StoreError[] = [];
    let reported: () => void = () => undefined;
    const firstReport = new Promise<void>((resolve) => (reported = resolve));
    const store = await openStore({
      applicationName,
      onBackgroundError: (error) => {
        background.push(error);
        reported();
      },
    });
    await store.createExecution(newExecution("e1"));
    await terminate(applicationName);
    await firstReport;
    expect(background[0]?.code).toBe("UNAVAILABLE");
    expect(background[0]?.message).toContain("terminating connection due to administrator command");
    expect((await store.getExecution("e1"))?.version).toBe(1);
  });

  it("fails a commit whose connection is terminated mid-statement with UNAVAILABLE, writing nothing", async () => {
    const applicationName = `durably-busy-${randomBytes(4).toString("hex")}`;
    const store = await openStore({ applicationName, onBackgroundError: () => undefined });
    await store.createExecution(newExecution("e1"));
    const holder = await schema.admin.connect();
    try {
      // Hold the row so the commit waits on it inside the server, then end its connection.
      await holder.query("BEGIN");
      await holder.query(
        `SELECT 1 FROM "${schema.name}".executions WHERE execution_id = 'e1' FOR UPDATE`,
      );
      const commit = store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { status: "SUCCEEDED" },
      });
      const waiting = async (): Promise<boolean> =>
        (
          await schema.rows(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
            [applicationName],
          )
        ).length > 0;
      for (let tries = 0; tries < 200 && !(await waiting()); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await terminate(applicationName);
      const error = await rejectionOf(commit);
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.message).toContain("retry");
      await holder.query("ROLLBACK");
    } finally {
      holder.release(true);
    }
    expect((await store.getExecution("e1"))?.status).toBe("RUNNING");
    expect((await store.commit({ executionId: "e1", expectedVersion: 1 })).version).toBe(2);
  });
});
