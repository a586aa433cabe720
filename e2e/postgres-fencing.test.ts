/**
 * Fencing across engines on one PostgreSQL schema, as two processes would be: an engine that
 * stalls past its lease (its clock stands still, so it neither renews nor notices) loses the
 * execution to another engine, whose claim advances the generation; when the stalled engine wakes
 * up, nothing it tries to write gets in. Skipped without DURABLY_TEST_POSTGRES_URL.
 */
import { createEngine, SystemClock, VirtualClock } from "@durably/engine";
import type { DurableFunctionHandler } from "@durably/engine";
import { withDurableExecution } from "@durably/sdk";
import type { Store } from "@durably/store";
import { createPostgresStore } from "@durably/store/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipWithoutPostgres, testDatabaseUrl, TestSchema } from "./support/postgres.ts";

const skip = skipWithoutPostgres("fencing across two engines on PostgreSQL");

/** The same function on both engines; `slow` says what its second step does there. */
function transfer(slow: () => Promise<string>): DurableFunctionHandler {
  return withDurableExecution(async (_event: unknown, context) => {
    const debit = await context.step("debit", async () => "debited");
    const credit = await context.step("credit", slow);
    return { debit, credit };
  }) as unknown as DurableFunctionHandler;
}

describe.skipIf(skip)("two engines on one PostgreSQL schema", () => {
  let schema: TestSchema;
  const stores: Store[] = [];
  beforeAll(() => {
    schema = new TestSchema("fencing");
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await schema.drop();
  });

  it("refuses every write of an engine whose lease another engine took", async () => {
    const open = async (): Promise<Store> => {
      const store = await createPostgresStore({
        connectionString: testDatabaseUrl as string,
        schema: schema.name,
      });
      stores.push(store);
      return store;
    };
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stalledReached: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (stalledReached = resolve));
    const stalledErrors: unknown[] = [];
    const stalled = createEngine({
      store: await open(),
      clock: new VirtualClock(Date.now()),
      workerId: "stalled",
      leaseMs: 300,
      onError: (error) => stalledErrors.push(error),
      functions: {
        transfer: transfer(async () => {
          stalledReached();
          await gate;
          return "credited by the stalled engine";
        }),
      },
    });
    const healthy = createEngine({
      store: await open(),
      clock: new SystemClock(),
      workerId: "healthy",
      pollIntervalMs: 100,
      functions: { transfer: transfer(async () => "credited by the healthy engine") },
    });
    stalled.start();
    const { execution } = await stalled.startExecution({ functionName: "transfer" });
    await reached;
    const held = await stores[0]?.getExecution(execution.executionId);
    expect(held).toMatchObject({ leaseOwner: "stalled", generation: 1 });

    // The lease runs out in real time; the other engine claims the execution and finishes it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    healthy.start();
    const done = await healthy.waitForExecution(execution.executionId);
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.parse(done.result ?? "null")).toEqual({
      debit: "debited",
      credit: "credited by the healthy engine",
    });
    const finished = await stores[1]?.getExecution(execution.executionId);
    expect(finished?.generation).toBe(2);

    // The stalled engine wakes up: its checkpoint and the end of its invocation are refused.
    release();
    await stalled.stop();
    await healthy.stop();
    expect(await stores[0]?.getExecution(execution.executionId)).toStrictEqual(finished);
    const history = await healthy.getHistory(execution.executionId);
    const credits = history.filter(
      (event) => event.EventType === "StepSucceeded" && event.Name === "credit",
    );
    expect(credits).toHaveLength(1);
    expect(credits[0]?.StepSucceededDetails?.Result?.Payload).toBe(
      '"credited by the healthy engine"',
    );
    expect(history.filter((event) => event.EventType === "InvocationCompleted")).toHaveLength(1);
    expect(
      history.filter((event) => event.EventType === "StepSucceeded" && event.Name === "debit"),
    ).toHaveLength(1);
  });
});
