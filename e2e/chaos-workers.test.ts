/**
 * Chaos with real processes on one PostgreSQL schema: 4 `durably worker` processes run 500 orders
 * (steps, waits, a map, callbacks answered by this test, an invoke) while a killer SIGKILLs a
 * random worker every few hundred milliseconds and starts a replacement. Every order must end with
 * the result of a run without faults, no step result may be recorded twice, and no execution may
 * be advanced by two workers at once. Skipped without DURABLY_TEST_POSTGRES_URL.
 */
import path from "node:path";
import type { Store } from "@durably/store";
import { createPostgresStore } from "@durably/store/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { skipWithoutPostgres, testDatabaseUrl, TestSchema } from "./support/postgres.ts";
import { WorkerFleet } from "./support/worker-fleet.ts";

const skip = skipWithoutPostgres("chaos test with 4 workers on PostgreSQL");
const fixture = path.join(repoRoot, "e2e/fixtures/chaos-orders.ts");
const orderCount = Number(process.env["DURABLY_CHAOS_ORDERS"] ?? 500);
const workerCount = 4;
/** Replacements booting ahead of the kills. */
const spareCount = Number(process.env["DURABLY_CHAOS_SPARES"] ?? 2);
/** No kill while fewer workers than this are up. */
const minReady = Number(process.env["DURABLY_CHAOS_MIN_READY"] ?? 3);
/** Mean time between kills (ms); 0 turns the killer off, to measure a run without faults. */
const killEveryMs = Number(process.env["DURABLY_CHAOS_KILL_MS"] ?? 500);

/** A seeded generator, so a failing run can be replayed with the same kill pattern. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe.skipIf(skip)("workers on PostgreSQL under SIGKILL chaos", () => {
  const dir = tempDir("chaos");
  let schema: TestSchema;
  let store: Store | undefined;
  let fleet: WorkerFleet | undefined;

  beforeAll(() => {
    requireBuiltCli();
    schema = new TestSchema("chaos");
  });
  afterAll(async () => {
    fleet?.killAll();
    await store?.close();
    await schema.drop();
  });

  it("completes 500 orders with the fault-free results while workers are killed", async () => {
    const ids = Array.from({ length: orderCount }, (_, i) => i + 1);
    const expected = await referenceResults(ids, path.join(dir, "reference-callbacks.txt"));

    store = await createPostgresStore({
      connectionString: testDatabaseUrl as string,
      schema: schema.name,
      applicationName: "durably-e2e-front",
    });
    const engine = frontEngine(store);
    const callbacks = path.join(dir, "callbacks.txt");
    const responder = new CallbackResponder(callbacks, engine);
    const seed = Number(process.env["DURABLY_CHAOS_SEED"] ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    fleet = new WorkerFleet(
      [
        fixture,
        "--db",
        testDatabaseUrl as string,
        "--schema",
        schema.name,
        "--lease",
        "2",
        "--concurrency",
        "12",
      ],
      { DURABLY_E2E_CALLBACKS: callbacks },
    );
    for (let i = 0; i < workerCount; i++) fleet.start();

    const startedAt = Date.now();
    await startOrders(engine, ids);
    responder.start();
    let kills = 0;
    let isDone = false;
    // Every few hundred milliseconds a random worker is killed and replaced. A Node process needs
    // a moment to boot, so replacements are started ahead (the fleet is 4 workers plus 2 booting),
    // and no worker is killed while fewer than 3 are up: killing faster than replacements boot
    // would leave none running, which measures boot time rather than recovery.
    const killer = (async () => {
      while (!isDone && killEveryMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, killEveryMs * (0.6 + random() * 0.8)));
        if (isDone || fleet === undefined) break;
        const ready = fleet.live.filter((worker) => worker.isReady).length;
        if (ready >= minReady && (await fleet.killRandom(random))) kills++;
        while (fleet.live.length < workerCount + spareCount) fleet.start();
      }
    })();
    try {
      await waitForOrders(() => schema.orderProgress(), orderCount, 100_000);
    } catch (error) {
      for (const worker of fleet.all.slice(-3))
        console.error(`--- worker output:\n${worker.output}`);
      throw error;
    } finally {
      isDone = true;
      await killer;
      responder.stop();
    }
    const durationMs = Date.now() - startedAt;
    const exits = await fleet.stopAll();
    console.info(
      `[durably e2e] chaos: ${orderCount} orders, ${kills} workers killed, ${fleet.all.length} ` +
        `started, ${(durationMs / 1000).toFixed(1)} s (seed ${seed})`,
    );
    expect(
      exits.map((exit) => exit.code),
      `${fleet.all.at(-1)?.output}`,
    ).toEqual(exits.map(() => 0));
    expect(killEveryMs === 0 || kills >= 15, `${kills} kills`).toBe(true);

    const results = new Map<number, OrderResult>();
    let cursor: string | undefined;
    do {
      const page = await store.listExecutions({
        functionName: "chaosOrder",
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const row of page.items) {
        expect(row.status, `${row.name}: ${JSON.stringify(row.error)}`).toBe("SUCCEEDED");
        const result = JSON.parse(row.result ?? "null") as OrderResult;
        results.set(result.id, result);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(results.size).toBe(orderCount);
    for (const id of ids) expect(results.get(id), `order ${id}`).toEqual(expected.get(id));

    const report = await checkHistories(store);
    expect(report.problems).toEqual([]);
    expect(report.executions).toBe(orderCount * 2);
    expect(report.stepResults).toBe(orderCount * 8);
  });
});
