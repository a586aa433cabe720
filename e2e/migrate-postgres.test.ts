/**
 * `durably migrate` from the embedded SQLite file to PostgreSQL: finished and running executions
 * (waiting on timers and callbacks) arrive exactly as stored, a second run copies nothing, and a
 * worker on PostgreSQL then finishes the running ones with the results they would have had.
 * Skipped without DURABLY_TEST_POSTGRES_URL.
 */
import path from "node:path";
import { createEngine, SystemClock } from "@durably/engine";
import type { ExecutionId, Store } from "@durably/store";
import { createPostgresStore } from "@durably/store/postgres";
import { createSqliteStore } from "@durably/store/sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderResult } from "./fixtures/chaos-orders.ts";
import { repoRoot, requireBuiltCli, runCli, tempDir } from "./support/cli.ts";
import {
  CallbackResponder,
  frontEngine,
  orderFunctions,
  referenceResults,
  waitForOrders,
} from "./support/order-run.ts";
import { skipWithoutPostgres, testDatabaseUrl, TestSchema } from "./support/postgres.ts";
import { WorkerFleet } from "./support/worker-fleet.ts";

const skip = skipWithoutPostgres("durably migrate to PostgreSQL");
const fixture = path.join(repoRoot, "e2e/fixtures/chaos-orders.ts");

/** Everything stored for every execution of `store`, by id. */
async function dump(store: Store): Promise<Map<ExecutionId, unknown>> {
  const all = new Map<ExecutionId, unknown>();
  let cursor: string | undefined;
  do {
    const page = await store.listExecutions({
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const row of page.items) {
      all.set(row.executionId, {
        execution: row,
        operations: await store.listOperations(row.executionId),
        events: await store.listEvents(row.executionId),
        timers: await store.listTimers(row.executionId),
      });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

describe.skipIf(skip)("durably migrate", () => {
  const dir = tempDir("migrate");
  let schema: TestSchema;
  beforeAll(() => {
    requireBuiltCli();
    schema = new TestSchema("migrate");
  });
  afterAll(() => schema.drop());

  it("copies running and finished executions from SQLite, once, and workers finish them", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const expected = await referenceResults(ids, path.join(dir, "reference.txt"));

    // On SQLite, half of the orders get their callback answered and finish; the rest stay
    // RUNNING, waiting for it (their durable waits already fired, their timers are gone).
    const file = path.join(dir, "durably.db");
    const callbacks = path.join(dir, "callbacks.txt");
    process.env["DURABLY_E2E_CALLBACKS"] = callbacks;
    const sqlite = createSqliteStore({ path: file });
    const local = createEngine({
      store: sqlite,
      clock: new SystemClock(),
      functions: orderFunctions,
    });
    local.start();
    const started = await Promise.all(
      ids.map((id) =>
        local.startExecution({
          functionName: "chaosOrder",
          input: { id },
          executionName: `order-${id}`,
        }),
      ),
    );
    const answered = new CallbackResponder(callbacks, local);
    await expect
      .poll(
        async () => {
          await answered.poll();
          return answered.answered.size;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(ids.length);
    await Promise.all(
      started.map(({ execution }) => local.waitForExecution(execution.executionId)),
    );
    // A second round of orders is stopped short, in the middle of their first wait.
    const waiting = ids.map((id) => id + 100);
    for (const id of waiting)
      await local.startExecution({
        functionName: "chaosOrder",
        input: { id },
        executionName: `order-${id}`,
      });
    await local.stop();
    delete process.env["DURABLY_E2E_CALLBACKS"];
    const source = await dump(sqlite);
    await sqlite.close();
    expect(
      [...source.values()].filter(
        (e) => (e as { execution: { status: string } }).execution.status === "RUNNING",
      ),
    ).toHaveLength(30);

    const args = [
      "migrate",
      "--from",
      `sqlite:${file}`,
      "--to",
      testDatabaseUrl as string,
      "--schema",
      schema.name,
    ];
    const first = await runCli(args);
    expect(first.code, `${first.stderr}`).toBe(0);
    expect(first.stdout).toContain(`Copied ${source.size} execution(s)`);
    expect(first.stdout).toContain("Verified");
    expect(first.stderr).toContain(`Copying executions: ${source.size}/${source.size} (100%)`);
    const again = await runCli(args);
    expect(again.code, `${again.stderr}`).toBe(0);
    expect(again.stdout).toContain(`Copied 0 execution(s)`);
    expect(again.stdout).toContain(`Skipped ${source.size} already in the target`);

    const postgres = await createPostgresStore({
      connectionString: testDatabaseUrl as string,
      schema: schema.name,
    });
    try {
      expect(await dump(postgres)).toEqual(source);

      // Workers on PostgreSQL take over: the waiting orders finish as they would have.
      const moreCallbacks = path.join(dir, "more-callbacks.txt");
      const fleet = new WorkerFleet(
        [fixture, "--db", testDatabaseUrl as string, "--schema", schema.name],
        {
          DURABLY_E2E_CALLBACKS: moreCallbacks,
        },
      );
      const responder = new CallbackResponder(moreCallbacks, frontEngine(postgres));
      try {
        fleet.start();
        responder.start();
        await waitForOrders(() => schema.orderProgress(), ids.length + waiting.length, 60_000);
      } finally {
        responder.stop();
        await fleet.stopAll();
      }
      const late = await referenceResults(waiting, path.join(dir, "late-reference.txt"));
      const page = await postgres.listExecutions({ functionName: "chaosOrder", limit: 1000 });
      for (const row of page.items) {
        expect(row.status).toBe("SUCCEEDED");
        const result = JSON.parse(row.result ?? "null") as OrderResult;
        expect(result).toEqual(expected.get(result.id) ?? late.get(result.id));
      }
    } finally {
      await postgres.close();
    }
  });
});
