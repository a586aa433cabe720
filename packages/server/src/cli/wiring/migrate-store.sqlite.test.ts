import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSqliteStore } from "@durably/store/sqlite";
import type { Store } from "@durably/store";
import { describe, expect, it } from "vitest";
import { memoryIo } from "../internal/testing/memory-io.ts";
import { migrateStore } from "./migrate-store.ts";

const t0 = Date.UTC(2025, 0, 1);

/** An execution with `steps` committed steps, a timer, and (when running) a lease. */
async function seed(store: Store, id: string, steps: number, isRunning: boolean): Promise<void> {
  await store.createExecution({
    execution: {
      executionId: id,
      name: id,
      functionName: "orders",
      status: "RUNNING",
      startedAt: t0,
      generation: 0,
      checkpointSeq: 0,
      lastEventId: 1,
    },
    operations: [
      {
        executionId: id,
        seq: 1,
        operation: { Id: `${id}-root`, Type: "EXECUTION", Status: "STARTED" },
      },
    ],
    events: [{ EventType: "ExecutionStarted", EventId: 1, EventTimestamp: new Date(t0) }],
    timers: [
      { executionId: id, timerId: "timeout", kind: "execution-timeout", dueAt: t0 + 60_000 },
    ],
  });
  for (let i = 0; i < steps; i++) {
    await store.commit({
      executionId: id,
      expectedVersion: i + 1,
      operations: [
        {
          executionId: id,
          seq: i + 2,
          operation: { Id: `s${i}`, Type: "STEP", Status: "SUCCEEDED" },
        },
      ],
      events: [
        {
          EventType: "StepSucceeded",
          EventId: i + 2,
          EventTimestamp: new Date(t0 + i),
          Id: `s${i}`,
        },
      ],
      execution: isRunning ? { leaseOwner: "w", leaseExpiresAt: t0 + 1000 } : {},
    });
  }
  if (!isRunning)
    await store.commit({
      executionId: id,
      expectedVersion: steps + 1,
      execution: { status: "SUCCEEDED" },
    });
}

async function dump(store: Store): Promise<unknown[]> {
  const rows = (await store.listExecutions({ reverse: true })).items;
  return Promise.all(
    rows.map(async (row) => ({
      row,
      operations: await store.listOperations(row.executionId),
      events: await store.listEvents(row.executionId),
      timers: await store.listTimers(row.executionId),
    })),
  );
}

describe("migrateStore", () => {
  it("copies every execution exactly, verifies the counts, and skips what exists when run again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "durably-migrate-"));
    const source = createSqliteStore({ path: path.join(dir, "from.db") });
    await seed(source, "a", 3, false);
    await seed(source, "b", 2, true);
    await seed(source, "c", 0, true);
    const expected = await dump(source);
    await source.close();

    const request = { from: { db: "sqlite:from.db" }, to: { db: "to.db" } };
    const first = memoryIo({ cwd: dir });
    expect(await migrateStore(request, first)).toBe(0);
    expect(first.stdout.text).toContain(
      "Copied 3 execution(s): 8 operation(s), 8 event(s), 3 timer(s). Skipped 0 already in the target.",
    );
    expect(first.stdout.text).toContain("Verified: the target holds all 3 execution(s)");
    expect(first.stderr.text).toContain("Copying executions: 3/3 (100%)");

    const second = memoryIo({ cwd: dir });
    expect(await migrateStore(request, second)).toBe(0);
    expect(second.stdout.text).toContain("Copied 0 execution(s)");
    expect(second.stdout.text).toContain("Skipped 3 already in the target.");

    const target = createSqliteStore({ path: path.join(dir, "to.db") });
    expect(await dump(target)).toEqual(expected);
    await target.close();
  });

  it("refuses to copy a database into itself, and a missing source, changing nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "durably-migrate-"));
    await expect(
      migrateStore({ from: { db: "x.db" }, to: { db: "x.db" } }, memoryIo({ cwd: dir })),
    ).rejects.toThrow("--from and --to name the same database.");
    await expect(
      migrateStore({ from: { db: "missing.db" }, to: { db: "y.db" } }, memoryIo({ cwd: dir })),
    ).rejects.toThrow("No database at missing.db");
  });
});
