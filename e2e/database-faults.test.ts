/**
 * Database faults, on a PostgreSQL cluster this file starts for itself (never the shared one): the
 * server restarts under running workers, connections are terminated in the middle of checkpoints.
 * Workers must reconnect and finish every order with the fault-free result, and a checkpoint cut
 * off mid-statement must leave nothing behind. Skipped when PostgreSQL's server programs
 * (initdb, pg_ctl) are not installed.
 */
import path from "node:path";
import type { Store } from "@durably/store";
import { hasErrorCode } from "@durably/store";
import { createPostgresStore } from "@durably/store/postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrderResult } from "./fixtures/chaos-orders.ts";
import { repoRoot, requireBuiltCli, tempDir } from "./support/cli.ts";
import { checkHistories } from "./support/history-checks.ts";
import {
  CallbackResponder,
  frontEngine,
  referenceResults,
  startOrders,
  waitForOrders,
} from "./support/order-run.ts";
import { TestSchema } from "./support/postgres.ts";
import { findServerBinaries, startThrowawayCluster } from "./support/throwaway-cluster.ts";
import type { ThrowawayCluster } from "./support/throwaway-cluster.ts";
import { WorkerFleet } from "./support/worker-fleet.ts";

const bin = findServerBinaries();
if (bin === undefined) {
  console.warn(
    "[durably e2e] database fault tests: SKIPPED, PostgreSQL's server programs (initdb, pg_ctl) " +
      "were not found in /usr/lib/postgresql/*/bin or `pg_config --bindir`. Install the PostgreSQL server to run them.",
  );
}
const fixture = path.join(repoRoot, "e2e/fixtures/chaos-orders.ts");
const t0 = Date.UTC(2025, 0, 1);

/** Everything stored for one execution. */
async function snapshot(
  store: Store,
  executionId: string,
): Promise<{ events: unknown[]; [part: string]: unknown }> {
  return {
    execution: await store.getExecution(executionId),
    operations: await store.listOperations(executionId),
    events: await store.listEvents(executionId),
    timers: await store.listTimers(executionId),
  };
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(bin === undefined)("workers on a PostgreSQL that fails", () => {
  const dir = tempDir("faults");
  let cluster: ThrowawayCluster | undefined;
  let schema: TestSchema | undefined;
  const closers: (() => unknown)[] = [];

  beforeAll(async () => {
    requireBuiltCli();
    cluster = await startThrowawayCluster(bin as string);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await schema?.drop();
    schema = undefined;
  });
  afterAll(() => cluster?.destroy());

  /** Workers, a front engine and a callback responder on a fresh schema of the cluster. */
  async function startRun(label: string, workers: number) {
    const url = (cluster as ThrowawayCluster).url;
    schema = new TestSchema(label, url);
    const store = await createPostgresStore({
      connectionString: url,
      schema: schema.name,
      applicationName: "durably-e2e-front",
    });
    closers.push(() => store.close());
    const engine = frontEngine(store);
    const callbacks = path.join(dir, `${schema.name}-callbacks.txt`);
    const responder = new CallbackResponder(callbacks, engine);
    closers.push(() => responder.stop());
    const fleet = new WorkerFleet([fixture, "--db", url, "--schema", schema.name, "--lease", "2"], {
      DURABLY_E2E_CALLBACKS: callbacks,
    });
    closers.push(() => fleet.killAll());
    for (let i = 0; i < workers; i++) fleet.start();
    await Promise.all(fleet.live.map((worker) => worker.ready));
    return { store, engine, responder, fleet, schema };
  }

  /** Every order succeeded with its fault-free result, and the histories hold. */
  async function expectFaultFree(store: Store, expected: Map<number, OrderResult>): Promise<void> {
    const page = await store.listExecutions({ functionName: "chaosOrder", limit: 1000 });
    expect(page.items).toHaveLength(expected.size);
    for (const row of page.items) {
      expect(row.status, `${row.name}: ${JSON.stringify(row.error)}`).toBe("SUCCEEDED");
      const result = JSON.parse(row.result ?? "null") as OrderResult;
      expect(result).toEqual(expected.get(result.id));
    }
    const report = await checkHistories(store);
    expect(report.problems).toEqual([]);
  }

  it("reconnects after the database restarts mid-run and finishes every order", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const expected = await referenceResults(ids, path.join(dir, "restart-reference.txt"));
    const run = await startRun("restart", 2);
    await startOrders(run.engine, ids);
    run.responder.start();
    // Mid-run: once the first order is done, the others are somewhere between start and end.
    let before = await run.schema.orderProgress();
    while (before.finished === 0) {
      await sleep(20);
      before = await run.schema.orderProgress();
    }
    cluster?.stop();
    await sleep(1500);
    cluster?.start();
    await waitForOrders(() => run.schema.orderProgress(), ids.length, 90_000);
    expect(before.finished).toBeLessThan(ids.length);
    expect(run.fleet.live).toHaveLength(2); // both survived the restart
    const exits = await run.fleet.stopAll();
    expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
    expect(run.fleet.all.map((worker) => worker.output).join("")).toMatch(/warning: .*PostgreSQL/);
    await expectFaultFree(run.store, expected);
  });

  it("keeps every checkpoint all-or-nothing while worker connections are terminated", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const expected = await referenceResults(ids, path.join(dir, "terminate-reference.txt"));
    const run = await startRun("terminate", 2);
    await startOrders(run.engine, ids);
    run.responder.start();
    let terminated = 0;
    let isDone = false;
    const terminator = (async () => {
      while (!isDone) {
        await sleep(30);
        const rows = await run.schema
          .rows<{ ok: boolean }>(
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
             WHERE application_name = 'durably-cli' AND state = 'active' AND pid <> pg_backend_pid()
             ORDER BY random() LIMIT 1`,
          )
          .catch(() => []);
        terminated += rows.filter((row) => row.ok).length;
      }
    })();
    try {
      await waitForOrders(() => run.schema.orderProgress(), ids.length, 90_000);
    } finally {
      isDone = true;
      await terminator;
    }
    console.info(`[durably e2e] faults: ${terminated} worker connections terminated mid-statement`);
    expect(terminated).toBeGreaterThan(5);
    const exits = await run.fleet.stopAll();
    expect(exits.map((exit) => exit.code)).toEqual([0, 0]);
    await expectFaultFree(run.store, expected);
  });

  it("rolls back a commit whose connection is terminated in the middle of its statement", async () => {
    const url = (cluster as ThrowawayCluster).url;
    schema = new TestSchema("midway", url);
    const applicationName = "durably-e2e-midway";
    const store = await createPostgresStore({
      connectionString: url,
      schema: schema.name,
      applicationName,
    });
    closers.push(() => store.close());
    await store.createExecution({
      execution: {
        executionId: "e1",
        name: "e1",
        functionName: "orders",
        status: "RUNNING",
        startedAt: t0,
        generation: 1,
        checkpointSeq: 0,
        lastEventId: 1,
      },
      operations: [
        {
          executionId: "e1",
          seq: 1,
          operation: { Id: "root", Type: "EXECUTION", Status: "STARTED" },
        },
      ],
      events: [{ EventType: "ExecutionStarted", EventId: 1, EventTimestamp: new Date(t0) }],
      timers: [],
    });
    const before = await snapshot(store, "e1");
    // Writing the events sleeps, so the statement is caught after the row and operations are written.
    await schema.rows(`CREATE FUNCTION $schema.slow_event() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$`);
    await schema.rows(`CREATE TRIGGER slow_event BEFORE INSERT ON $schema.events
      FOR EACH ROW EXECUTE FUNCTION $schema.slow_event()`);
    const at = (eventId: number): Date => new Date(t0 + eventId * 1000);
    const checkpoint = {
      executionId: "e1",
      expectedVersion: 1,
      execution: { readyAt: t0 + 5, checkpointSeq: 1 },
      operations: [
        {
          executionId: "e1",
          seq: 2,
          operation: {
            Id: "a",
            Type: "STEP" as const,
            Status: "SUCCEEDED" as const,
            StartTimestamp: at(2),
          },
        },
      ],
      events: [
        { EventType: "StepStarted" as const, EventId: 2, EventTimestamp: at(2), Id: "a" },
        { EventType: "StepSucceeded" as const, EventId: 3, EventTimestamp: at(3), Id: "a" },
      ],
      setTimers: [{ executionId: "e1", timerId: "w", kind: "wait" as const, dueAt: t0 + 9 }],
    };
    const pending = store.commit(checkpoint);
    let pid: number | undefined;
    for (let tries = 0; pid === undefined && tries < 200; tries++) {
      await sleep(25);
      const [row] = await schema.rows<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event = 'PgSleep'",
        [applicationName],
      );
      pid = row?.pid;
    }
    expect(pid, "the commit never reached the events").toBeDefined();
    await schema.rows("SELECT pg_terminate_backend($1)", [pid]);
    const failure = await pending.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(hasErrorCode(failure, "UNAVAILABLE"), `${String(failure)}`).toBe(true);
    expect(await snapshot(store, "e1")).toEqual(before);
    // The same checkpoint goes through once the fault is gone, on a new connection of the pool.
    await schema.rows("DROP TRIGGER slow_event ON $schema.events");
    expect((await store.commit(checkpoint)).version).toBe(2);
    expect((await snapshot(store, "e1")).events).toHaveLength(3);
  });
});
