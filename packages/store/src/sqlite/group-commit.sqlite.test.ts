import Database from "better-sqlite3";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DurablyError } from "../errors/store-error.ts";
import type { NewExecution } from "../port/store.ts";
import { openBetterSqlite3, type SqliteOpener } from "./sqlite-driver.ts";
import { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from "./sqlite-store.ts";
import { tempDirectory } from "./sqlite-test-files.ts";

const t0 = Date.UTC(2025, 0, 1);
const newExecution = (executionId: string): NewExecution => ({
  execution: {
    executionId,
    name: executionId,
    functionName: "orders",
    status: "RUNNING",
    startedAt: t0,
    generation: 0,
    checkpointSeq: 0,
    lastEventId: 0,
  },
  operations: [],
  events: [],
  timers: [],
});
const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);

/** An opener that counts the write transactions begun on the connection. */
function countingOpener(counter: { transactions: number }): SqliteOpener {
  return (path) => {
    const db = openBetterSqlite3(path);
    return {
      prepare(sql) {
        const statement = db.prepare(sql);
        if (!sql.startsWith("BEGIN")) return statement;
        return {
          run: (...params) => {
            counter.transactions += 1;
            return statement.run(...params);
          },
          get: (...params) => statement.get(...params),
          all: (...params) => statement.all(...params),
        };
      },
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
      get inTransaction() {
        return db.inTransaction;
      },
    };
  };
}

describe("SqliteStore group commit", () => {
  let temp: Awaited<ReturnType<typeof tempDirectory>>;
  let store: SqliteStore;
  const counter = { transactions: 0 };
  const open = (options: Partial<SqliteStoreOptions> = {}): SqliteStore => {
    store = createSqliteStore({
      path: join(temp.dir, "group.db"),
      open: countingOpener(counter),
      ...options,
    });
    return store;
  };

  beforeEach(async () => {
    temp = await tempDirectory("sqlite-group");
    counter.transactions = 0;
  });
  afterEach(async () => {
    await store.close();
    await temp.remove();
  });

  it("applies writes issued in the same turn of the event loop in one transaction", async () => {
    open();
    await Promise.all(ids.map((id) => store.createExecution(newExecution(id))));
    expect(counter.transactions).toBe(1);
    const rows = await Promise.all(
      ids.map((id) => store.commit({ executionId: id, expectedVersion: 1 })),
    );
    expect(rows.map((row) => row.version)).toStrictEqual(ids.map(() => 2));
    expect(counter.transactions).toBe(2);
  });

  it("applies each write in its own transaction when group commit is off", async () => {
    open({ groupCommit: false });
    await Promise.all(ids.map((id) => store.createExecution(newExecution(id))));
    expect(counter.transactions).toBe(ids.length);
  });

  it("applies the writes of one batch in the order they were issued", async () => {
    open();
    await store.createExecution(newExecution("e1"));
    const versions = await Promise.all(
      [1, 2, 3].map((expectedVersion) => store.commit({ executionId: "e1", expectedVersion })),
    );
    expect(versions.map((row) => row.version)).toStrictEqual([2, 3, 4]);
  });

  it("resolves a write only once other connections can read it", async () => {
    open();
    const reader = new Database(join(temp.dir, "group.db"), { readonly: true });
    try {
      const seen = await Promise.all(
        ids
          .slice(0, 3)
          .map((id) =>
            store
              .createExecution(newExecution(id))
              .then(() => reader.prepare("SELECT count(*) AS n FROM executions").get()),
          ),
      );
      expect(seen).toStrictEqual([{ n: 3 }, { n: 3 }, { n: 3 }]);
    } finally {
      reader.close();
    }
  });

  it("keeps resolving writes while fake timers are installed", async () => {
    open();
    vi.useFakeTimers();
    try {
      await store.createExecution(newExecution("e1"));
      expect((await store.commit({ executionId: "e1", expectedVersion: 1 })).version).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails every write of a batch with UNAVAILABLE when the write lock cannot be taken", async () => {
    open({ busyTimeoutMs: 20 });
    await store.createExecution(newExecution("e1"));
    const other = new Database(join(temp.dir, "group.db"));
    try {
      other.exec("BEGIN IMMEDIATE");
      const outcomes = await Promise.allSettled([
        store.commit({ executionId: "e1", expectedVersion: 1 }),
        store.createExecution(newExecution("e2")),
        store.claimReady({ workerId: "w", now: t0, leaseMs: 1000, limit: 1 }),
      ]);
      const codes = outcomes.map((o) =>
        o.status === "rejected" && DurablyError.is(o.reason) ? o.reason.code : o.status,
      );
      expect(codes).toStrictEqual(["UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE"]);
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
    expect(await store.getExecution("e2")).toBeUndefined();
  });
});
