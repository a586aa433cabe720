import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newExecution, rejectionCode, t0 } from "../conformance/store-fixtures.ts";
import type { StoreError } from "../errors/store-error.ts";
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "./postgres-store.ts";
import { skipWithoutDatabase, testDatabaseUrl, TestSchema } from "./postgres-test-database.ts";

const skip = skipWithoutDatabase("PostgreSQL LISTEN/NOTIFY tests");

/** Values pushed by a callback, awaited one at a time in the order they came. */
class Inbox<T> {
  readonly #items: T[] = [];
  readonly #waiting: ((item: T) => void)[] = [];
  readonly push = (item: T): void => {
    const waiter = this.#waiting.shift();
    if (waiter === undefined) this.#items.push(item);
    else waiter(item);
  };
  next(): Promise<T> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift() as T);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

describe.skipIf(skip)("PostgresStore LISTEN/NOTIFY", () => {
  let schema: TestSchema;
  const open: PostgresStore[] = [];
  const openStore = async (options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> => {
    const store = await createPostgresStore({
      connectionString: testDatabaseUrl as string,
      schema: schema.name,
      poolSize: 3,
      ...options,
    });
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    schema = new TestSchema("notify");
    await openStore();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await schema.truncate();
  });
  afterAll(() => schema.drop());

  it("offers subscribeReady as the optional capability of the Store port", async () => {
    const store = await openStore();
    expect(typeof store.subscribeReady).toBe("function");
    expect(store.readyChannel).toBe(`${schema.name}_ready`);
  });

  it("wakes a subscriber with the readyAt another process's writes set, and only those", async () => {
    const worker = await openStore();
    const writer = await openStore();
    const wakes = new Inbox<number | undefined>();
    const stop = worker.subscribeReady(wakes.push);
    expect(await wakes.next()).toBeUndefined(); // listening now: check what is already ready
    await writer.createExecution(newExecution("e1", { readyAt: t0 }));
    expect(await wakes.next()).toBe(t0);
    await writer.createExecution(newExecution("e2"));
    await writer.commit({ executionId: "e2", expectedVersion: 1, execution: { checkpointSeq: 1 } });
    await writer.commit({ executionId: "e2", expectedVersion: 2, execution: { readyAt: null } });
    await writer.commit({
      executionId: "e2",
      expectedVersion: 3,
      execution: { readyAt: t0 + 7.5 },
    });
    // Nothing came from the writes that set no readyAt: the next wake-up is the last commit's.
    expect(await wakes.next()).toBe(t0 + 7.5);
    stop();
  });

  it("sends no wake-up for a rejected commit", async () => {
    const store = await openStore();
    await store.createExecution(newExecution("e1"));
    const wakes = new Inbox<number | undefined>();
    store.subscribeReady(wakes.push);
    expect(await wakes.next()).toBeUndefined();
    const stale = { executionId: "e1", expectedVersion: 9, execution: { readyAt: t0 } };
    expect(await rejectionCode(store.commit(stale))).toBe("CONFLICT");
    await store.commit({ executionId: "e1", expectedVersion: 1, execution: { readyAt: t0 + 1 } });
    expect(await wakes.next()).toBe(t0 + 1);
  });

  it("sends no wake-ups from a store opened with notifyReady: false", async () => {
    const worker = await openStore();
    const quiet = await openStore({ notifyReady: false });
    const wakes = new Inbox<number | undefined>();
    worker.subscribeReady(wakes.push);
    expect(await wakes.next()).toBeUndefined();
    await quiet.createExecution(newExecution("e1", { readyAt: t0 }));
    await quiet.notify(quiet.readyChannel, "42");
    expect(await wakes.next()).toBe(42);
  });

  it("delivers listen/notify payloads between stores until the listener stops", async () => {
    const a = await openStore();
    const b = await openStore();
    const first = new Inbox<string>();
    const second = new Inbox<string>();
    const stopFirst = await a.listen("durably_test_channel", first.push);
    await a.listen("durably_test_channel", second.push);
    await b.notify("durably_test_channel", "hello");
    expect([await first.next(), await second.next()]).toStrictEqual(["hello", "hello"]);
    await stopFirst();
    await b.notify("durably_test_channel", "again");
    await b.notify("durably_test_channel");
    expect([await second.next(), await second.next()]).toStrictEqual(["again", ""]);
  });

  it("resumes LISTEN after its connection is terminated, telling subscribers to re-check", async () => {
    const applicationName = `durably-listen-${randomBytes(4).toString("hex")}`;
    const background: StoreError[] = [];
    const worker = await openStore({
      applicationName,
      onBackgroundError: (e) => background.push(e),
    });
    const writer = await openStore();
    const wakes = new Inbox<number | undefined>();
    worker.subscribeReady(wakes.push);
    expect(await wakes.next()).toBeUndefined();
    await schema.rows(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
      [applicationName],
    );
    expect(await wakes.next()).toBeUndefined(); // reconnected: wake-ups may have been missed
    expect(background.map((error) => error.code)).toContain("UNAVAILABLE");
    await writer.createExecution(newExecution("e1", { readyAt: t0 + 3 }));
    expect(await wakes.next()).toBe(t0 + 3);
  });

  it("rejects channel names PostgreSQL cannot take with INVALID_ARGUMENT", async () => {
    const store = await openStore();
    const tooLong = "c".repeat(64);
    expect(await rejectionCode(store.listen("", () => undefined))).toBe("INVALID_ARGUMENT");
    expect(await rejectionCode(store.listen(tooLong, () => undefined))).toBe("INVALID_ARGUMENT");
    expect(await rejectionCode(store.notify(tooLong))).toBe("INVALID_ARGUMENT");
  });

  it("refuses subscriptions after close with CLOSED and lets go of the LISTEN connection", async () => {
    const applicationName = `durably-closed-${randomBytes(4).toString("hex")}`;
    const store = await openStore({ applicationName });
    const wakes = new Inbox<number | undefined>();
    store.subscribeReady(wakes.push);
    await wakes.next();
    await store.close();
    expect(() => store.subscribeReady(() => undefined)).toThrow(/after close/);
    expect(await rejectionCode(store.notify("x"))).toBe("CLOSED");
    expect(await schema.connectionsAfterHangUp(applicationName)).toBe(0);
  });
});
