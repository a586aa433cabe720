import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeStoreContract } from "../conformance/index.ts";
import {
  newExecution,
  rejectionOf,
  step,
  stepEvent,
  t0,
  timer,
} from "../conformance/store-fixtures.ts";
import type { PgPool, PgQuery } from "./pg-driver.ts";
import { createPgPool } from "./pg-driver.ts";
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "./postgres-store.ts";
import { skipWithoutDatabase, testDatabaseUrl, TestSchema } from "./postgres-test-database.ts";

const skip = skipWithoutDatabase("PostgresStore tests");

describe.skipIf(skip)("PostgresStore", () => {
  let schema: TestSchema;
  const open: PostgresStore[] = [];
  const openStore = async (options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> => {
    const store = await createPostgresStore({
      connectionString: testDatabaseUrl as string,
      schema: schema.name,
      poolSize: 4,
      ...options,
    });
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    schema = new TestSchema("store");
    await openStore();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await schema.truncate();
  });
  afterAll(() => schema.drop());

  describeStoreContract("PostgresStore", async () => {
    const store = await openStore();
    // The peer is a second store with its own pool on the same schema, as a second process would be.
    return { store, openPeer: () => openStore(), cleanup: () => store.close() };
  });

  describe("on a real server", () => {
    it("keeps executions, operations, events and timers across close and reopen", async () => {
      const first = await openStore();
      await first.createExecution(newExecution("e1"));
      await first.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { readyAt: t0 + 5 },
        operations: [step("e1", 2, "a")],
        events: [stepEvent(2, "a")],
        setTimers: [timer("e1", "w", t0 + 5)],
      });
      const read = async (store: PostgresStore): Promise<unknown[]> => [
        await store.getExecution("e1"),
        await store.listOperations("e1"),
        await store.listEvents("e1"),
        await store.listTimers("e1"),
      ];
      const before = await read(first);
      await first.close();
      const second = await openStore();
      expect(await read(second)).toStrictEqual(before);
      expect(await second.nextReadyAt()).toBe(t0 + 5);
    });

    it("applies writes submitted before close", async () => {
      const store = await openStore();
      await store.createExecution(newExecution("e1"));
      const pending = store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { status: "SUCCEEDED" },
      });
      await store.close();
      await expect(pending).resolves.toMatchObject({ version: 2 });
      expect((await (await openStore()).getExecution("e1"))?.status).toBe("SUCCEEDED");
    });

    it("ends its own pool on close, leaving no connection on the server", async () => {
      const applicationName = `durably-close-${process.pid}`;
      const store = await openStore({ applicationName });
      await Promise.all([store.listExecutions(), store.nextReadyAt(), store.nextTimerDueAt()]);
      expect(await schema.connections(applicationName)).toBeGreaterThan(0);
      await store.close();
      expect(await schema.connectionsAfterHangUp(applicationName)).toBe(0);
    });

    it("leaves a borrowed pool open on close", async () => {
      const pool = new pg.Pool({ connectionString: testDatabaseUrl, max: 2 });
      try {
        const store = await createPostgresStore({ pool, schema: schema.name });
        await store.createExecution(newExecution("e1"));
        await store.close();
        expect((await pool.query("SELECT 1 AS one")).rows).toStrictEqual([{ one: 1 }]);
      } finally {
        await pool.end();
      }
    });

    it("writes a commit with operations, events and timers in one statement", async () => {
      const statements: string[] = [];
      const createPool: PostgresStoreOptions["createPool"] = (config) => {
        const pool = createPgPool(config);
        const counted: PgPool = Object.create(pool) as PgPool;
        counted.query = (query: PgQuery) => {
          statements.push(query.text);
          return pool.query(query);
        };
        return counted;
      };
      const store = await openStore({ createPool });
      await store.createExecution(newExecution("e1", { timers: [timer("e1", "t1", t0)] }));
      statements.length = 0;
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        execution: { readyAt: t0, checkpointSeq: 1 },
        operations: [step("e1", 2, "a"), step("e1", 3, "b")],
        events: [stepEvent(2, "a"), stepEvent(3, "b")],
        setTimers: [timer("e1", "t2", t0 + 1)],
        deleteTimers: [{ executionId: "e1", timerId: "t1" }],
      });
      expect(statements).toHaveLength(1);
      expect((await store.listOperations("e1")).map((r) => r.updatedVersion)).toStrictEqual([
        1, 2, 2,
      ]);
      expect((await store.listTimers("e1")).map((t) => t.timerId)).toStrictEqual(["t2"]);
    });

    it("skips an execution another transaction has locked instead of waiting for it", async () => {
      const store = await openStore();
      await store.createExecution(newExecution("locked", { readyAt: t0 }));
      await store.createExecution(newExecution("free", { readyAt: t0 + 1 }));
      const holder = await schema.admin.connect();
      try {
        await holder.query("BEGIN");
        await holder.query(
          `SELECT 1 FROM "${schema.name}".executions WHERE execution_id = 'locked' FOR UPDATE`,
        );
        const claimed = await store.claimReady({
          workerId: "w",
          now: t0 + 10,
          leaseMs: 1000,
          limit: 10,
        });
        expect(claimed.map((row) => row.executionId)).toStrictEqual(["free"]);
        await holder.query("ROLLBACK");
      } finally {
        holder.release(true);
      }
      expect(
        (await store.claimReady({ workerId: "w", now: t0 + 10, leaseMs: 1000, limit: 10 })).map(
          (r) => r.executionId,
        ),
      ).toStrictEqual(["locked"]);
    });

    it("splits ready executions between claimers on three store instances without overlap", async () => {
      const stores = [await openStore(), await openStore(), await openStore()];
      const all = Array.from({ length: 30 }, (_, i) => `e${String(i).padStart(2, "0")}`);
      await Promise.all(
        all.map((id, i) => stores[0]!.createExecution(newExecution(id, { readyAt: t0 + i }))),
      );
      const claims = await Promise.all(
        stores.flatMap((store, s) =>
          [0, 1, 2, 3].map((round) =>
            store.claimReady({
              workerId: `w${s}-${round}`,
              now: t0 + 100,
              leaseMs: 1000,
              limit: 3,
            }),
          ),
        ),
      );
      const claimed = claims.flat().map((row) => row.executionId);
      expect(claimed.toSorted()).toStrictEqual(all);
      for (const row of claims.flat()) expect(row.generation).toBe(1);
    });

    it("stores NUL and U+0001 in ids, names and payloads, and filters by such a name prefix", async () => {
      const store = await openStore();
      const id = "e\u0000\u00011";
      const input = newExecution(id, { name: "a\u0000b\u0001c", functionName: "f\u0000" });
      input.execution.input = '"\u0000"';
      input.operations[0]!.operation.Id = "root\u0000";
      await store.createExecution(input);
      await store.createExecution(
        newExecution("other", { name: "a\u0001", functionName: "f\u0000" }),
      );
      await store.commit({
        executionId: id,
        expectedVersion: 1,
        execution: { leaseOwner: "w\u0000", result: "\u0001\u0000" },
        operations: [
          {
            ...step(id, 2, "s\u0001"),
            operation: {
              ...step(id, 2, "s\u0001").operation,
              CallbackDetails: { CallbackId: "cb\u0000" },
            },
          },
        ],
        setTimers: [timer(id, "t\u0000", t0)],
      });
      expect(await store.getExecution(id)).toMatchObject({
        name: "a\u0000b\u0001c",
        input: '"\u0000"',
        leaseOwner: "w\u0000",
        result: "\u0001\u0000",
      });
      expect((await store.findExecutionByName("f\u0000", "a\u0000b\u0001c"))?.executionId).toBe(id);
      expect((await store.listOperations(id)).map((r) => r.operation.Id)).toStrictEqual([
        "root\u0000",
        "s\u0001",
      ]);
      expect((await store.findOperationByCallbackId("cb\u0000"))?.executionId).toBe(id);
      expect((await store.listTimers(id))[0]?.timerId).toBe("t\u0000");
      const names = async (namePrefix: string): Promise<string[]> =>
        (await store.listExecutions({ namePrefix })).items.map((row) => row.name);
      expect(await names("a\u0000")).toStrictEqual(["a\u0000b\u0001c"]);
      expect(await names("a\u0001")).toStrictEqual(["a\u0001"]);
      expect(
        (await store.listExecutions({ reverse: true })).items.map((row) => row.executionId),
      ).toStrictEqual([id, "other"]);
    });

    it("reports a record changed outside Durably into invalid JSON as CORRUPT", async () => {
      const store = await openStore();
      await store.createExecution(newExecution("e1"));
      await schema.rows(
        "UPDATE $schema.operations SET body = '{not json' WHERE execution_id = 'e1'",
      );
      const error = await rejectionOf(store.listOperations("e1"));
      expect(error.code).toBe("CORRUPT");
      expect(error.message).toContain(`database "test"`);
    });

    it("says which operation would change its seq, and writes nothing", async () => {
      const store = await openStore();
      await store.createExecution(newExecution("e1"));
      await store.commit({
        executionId: "e1",
        expectedVersion: 1,
        operations: [step("e1", 2, "a")],
      });
      const error = await rejectionOf(
        store.commit({
          executionId: "e1",
          expectedVersion: 2,
          events: [stepEvent(2, "a")],
          operations: [step("e1", 3, "b"), step("e1", 7, "a")],
        }),
      );
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain('operation "a" has seq 2, the write gives 7');
      expect(await store.getExecution("e1")).toMatchObject({ version: 2, lastEventId: 1 });
      expect(await store.getOperation("e1", "b")).toBeUndefined();
    });

    it("names the callback id held by another operation", async () => {
      const store = await openStore();
      await store.createExecution(newExecution("e1"));
      const cb = {
        ...step("e1", 2, "c1"),
        operation: { ...step("e1", 2, "c1").operation, CallbackDetails: { CallbackId: "taken" } },
      };
      await store.commit({ executionId: "e1", expectedVersion: 1, operations: [cb] });
      const other = { ...cb, seq: 3, operation: { ...cb.operation, Id: "c2" } };
      const error = await rejectionOf(
        store.commit({ executionId: "e1", expectedVersion: 2, operations: [other] }),
      );
      expect(error.code).toBe("INVALID_ARGUMENT");
      expect(error.message).toContain("callback id is already held");
      expect(error.message).toContain("taken");
    });
  });
});
