import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeStoreContract } from "../conformance/index.ts";
import { DurablyError } from "../errors/store-error.ts";
import type { NewExecution } from "../port/store.ts";
import { createSqliteStore, type SqliteStore } from "./sqlite-store.ts";
import { tempDirectory } from "./sqlite-test-files.ts";

describeStoreContract("SqliteStore", async () => {
  const temp = await tempDirectory("sqlite-contract");
  const path = join(temp.dir, "store.db");
  const store = createSqliteStore({ path });
  const peers: SqliteStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = createSqliteStore({ path });
      peers.push(peer);
      return peer;
    },
    cleanup: async () => {
      await Promise.all([store.close(), ...peers.map((peer) => peer.close())]);
      await temp.remove();
    },
  };
});

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
  operations: [
    {
      executionId,
      seq: 1,
      operation: { Id: "root", Type: "EXECUTION", Status: "STARTED", StartTimestamp: new Date(t0) },
    },
  ],
  events: [],
  timers: [],
});

/** The error `action` throws or rejects with. */
async function failure(action: () => unknown): Promise<DurablyError> {
  try {
    await action();
  } catch (error) {
    if (DurablyError.is(error)) return error;
    throw error;
  }
  throw new Error("expected the action to fail");
}

describe("SqliteStore on a real file", () => {
  let temp: Awaited<ReturnType<typeof tempDirectory>>;
  let path: string;
  const open: SqliteStore[] = [];
  const openStore = (
    options: Partial<Parameters<typeof createSqliteStore>[0]> = {},
  ): SqliteStore => {
    const store = createSqliteStore({ path, ...options });
    open.push(store);
    return store;
  };

  beforeEach(async () => {
    temp = await tempDirectory("sqlite-file");
    path = join(temp.dir, "durably.db");
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await temp.remove();
  });

  it("keeps executions, operations, events and timers across close and reopen", async () => {
    const first = openStore();
    await first.createExecution(newExecution("e1"));
    await first.commit({
      executionId: "e1",
      expectedVersion: 1,
      execution: { readyAt: t0 + 5 },
      operations: [
        {
          executionId: "e1",
          seq: 2,
          operation: {
            Id: "w",
            Type: "WAIT",
            Status: "STARTED",
            WaitDetails: { ScheduledEndTimestamp: new Date(t0 + 5) },
          },
        },
      ],
      events: [
        {
          EventType: "WaitStarted",
          EventId: 1,
          EventTimestamp: new Date(t0),
          Id: "w",
          WaitStartedDetails: { Duration: 5 },
        },
      ],
      setTimers: [
        { executionId: "e1", timerId: "w", kind: "wait", operationId: "w", dueAt: t0 + 5 },
      ],
    });
    const before = [
      await first.getExecution("e1"),
      await first.listOperations("e1"),
      await first.listEvents("e1"),
      await first.listTimers("e1"),
    ];
    await first.close();
    const second = openStore();
    expect([
      await second.getExecution("e1"),
      await second.listOperations("e1"),
      await second.listEvents("e1"),
      await second.listTimers("e1"),
    ]).toStrictEqual(before);
    expect(await second.nextReadyAt()).toBe(t0 + 5);
    expect((await second.commit({ executionId: "e1", expectedVersion: 2 })).version).toBe(3);
  });

  it("applies writes submitted before close", async () => {
    const store = openStore();
    await store.createExecution(newExecution("e1"));
    const pending = store.commit({
      executionId: "e1",
      expectedVersion: 1,
      execution: { status: "SUCCEEDED" },
    });
    await store.close();
    await expect(pending).resolves.toMatchObject({ version: 2 });
    expect((await openStore().getExecution("e1"))?.status).toBe("SUCCEEDED");
  });

  it("runs in WAL mode with synchronous FULL by default", async () => {
    const store = openStore();
    await store.createExecution(newExecution("e1"));
    expect(store.info()).toStrictEqual({
      path,
      journalMode: "wal",
      synchronous: "FULL",
      busyTimeoutMs: 5000,
      schemaVersion: 1,
    });
    expect(existsSync(`${path}-wal`)).toBe(true);
  });

  it("applies the synchronous and busy timeout options", async () => {
    expect(openStore({ synchronous: "NORMAL", busyTimeoutMs: 250 }).info()).toMatchObject({
      synchronous: "NORMAL",
      busyTimeoutMs: 250,
    });
  });

  it("rejects an unknown synchronous level or a negative busy timeout with INVALID_ARGUMENT", async () => {
    expect((await failure(() => openStore({ synchronous: "SOMETIMES" as "FULL" }))).code).toBe(
      "INVALID_ARGUMENT",
    );
    expect((await failure(() => openStore({ busyTimeoutMs: -1 }))).code).toBe("INVALID_ARGUMENT");
  });

  it("refuses a file that is not a SQLite database with CORRUPT naming the path, leaving it untouched", async () => {
    const garbage = "this is a text file, not a database\n".repeat(200);
    await writeFile(path, garbage);
    const error = await failure(() => openStore());
    expect(error.code).toBe("CORRUPT");
    expect(error.message).toContain(path);
    expect(await readFile(path, "utf8")).toBe(garbage);
  });

  it("refuses a path in a missing directory with UNAVAILABLE naming the path", async () => {
    const missing = join(temp.dir, "no", "such", "dir", "x.db");
    const error = await failure(() => openStore({ path: missing }));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(missing);
  });

  it("fails to open with UNAVAILABLE naming the path while another connection holds an exclusive lock", async () => {
    const other = new Database(path);
    try {
      other.exec("CREATE TABLE unrelated (a); BEGIN EXCLUSIVE; INSERT INTO unrelated VALUES (1);");
      const error = await failure(() => openStore({ busyTimeoutMs: 20 }));
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.message).toContain(path);
      expect(error.message).toContain("locked");
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
    expect(openStore().info().schemaVersion).toBe(1);
  });

  it("fails writes with UNAVAILABLE naming the path while another connection holds the write lock, then recovers", async () => {
    const store = openStore({ busyTimeoutMs: 20 });
    await store.createExecution(newExecution("e1"));
    const other = new Database(path);
    try {
      other.exec("BEGIN IMMEDIATE");
      const error = await failure(() => store.commit({ executionId: "e1", expectedVersion: 1 }));
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.message).toContain(path);
      // WAL readers are not blocked by a writer.
      expect((await store.getExecution("e1"))?.version).toBe(1);
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
    expect((await store.commit({ executionId: "e1", expectedVersion: 1 })).version).toBe(2);
  });

  it("reports a record changed outside Durably into invalid JSON as CORRUPT", async () => {
    const store = openStore();
    await store.createExecution(newExecution("e1"));
    const other = new Database(path);
    other.prepare("UPDATE operations SET body = '{not json' WHERE execution_id = 'e1'").run();
    other.close();
    const error = await failure(() => store.listOperations("e1"));
    expect(error.code).toBe("CORRUPT");
    expect(error.message).toContain(path);
  });

  it("shows commits to a second store on the same file", async () => {
    const writer = openStore();
    const reader = openStore();
    await writer.createExecution(newExecution("e1"));
    expect((await reader.getExecution("e1"))?.version).toBe(1);
    await writer.commit({
      executionId: "e1",
      expectedVersion: 1,
      execution: { status: "SUCCEEDED", result: "1" },
    });
    expect(await reader.getExecution("e1")).toMatchObject({
      version: 2,
      status: "SUCCEEDED",
      result: "1",
    });
  });

  it("shows commits to another process reading the file", async () => {
    const store = openStore();
    await store.createExecution(newExecution("e1"));
    await store.commit({ executionId: "e1", expectedVersion: 1, execution: { status: "FAILED" } });
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const script = `
      const Database = require(process.argv[1]);
      const db = new Database(process.argv[2], { readonly: true });
      const row = db.prepare("SELECT status, version FROM executions WHERE execution_id = ?").get(process.argv[3]);
      process.stdout.write(JSON.stringify(row));
      db.close();`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "-e",
      script,
      driver,
      path,
      "e1",
    ]);
    expect(JSON.parse(stdout)).toStrictEqual({ status: "FAILED", version: 2 });
  });
});
