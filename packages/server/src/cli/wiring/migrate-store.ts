/**
 * `durably migrate`: copies every execution of one store into another (SQLite to PostgreSQL when
 * a team outgrows one machine), running ones included, exactly as stored: each execution is read
 * as a consistent snapshot and written in one atomic `importExecution`, so an interrupted copy
 * leaves no half-copied execution and re-running it skips what is already there. The counts of
 * what was copied are checked against the target at the end.
 */
import type { ExecutionId, ExecutionImport, Store } from "@durably/store";
import { StoreError } from "@durably/store";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { createProgressLine } from "../render/progress-line.ts";
import { describeStoreLocation, openStore } from "./open-store.ts";
import type { StoreLocation } from "./open-store.ts";

/** What `durably migrate` was asked to do. */
export interface MigrateRequest {
  from: StoreLocation;
  to: StoreLocation;
}

/** What was stored for one execution in the source. */
interface Counts {
  operations: number;
  events: number;
  timers: number;
}

/** Copies `from` into `to`; returns the exit code. */
export async function migrateStore(request: MigrateRequest, io: CliIo): Promise<number> {
  if (request.from.db === request.to.db && request.from.schema === request.to.schema) {
    throw new CliError("INVALID_OPTION", "--from and --to name the same database.", {
      hint: "Point --to at the database to copy into.",
    });
  }
  const source = await openStore(request.from, { cwd: io.cwd, create: false });
  try {
    const target = await openStore(request.to, { cwd: io.cwd, create: true });
    try {
      return await copyAll(source, target, request, io);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyAll(
  source: Store,
  target: Store,
  request: MigrateRequest,
  io: CliIo,
): Promise<number> {
  const ids = await listAll(source);
  const live = ids.leased;
  io.stdout.write(
    `Copying ${ids.all.length} execution(s) from ${describeStoreLocation(request.from)} to ` +
      `${describeStoreLocation(request.to)}.\n`,
  );
  if (live > 0) {
    io.stderr.write(
      `warning: ${live} execution(s) hold a lease that has not expired: a process may still be ` +
        "running them on the source. What it writes after its execution is copied stays behind; " +
        "stop the processes using the source first, then run the migration again.\n",
    );
  }
  const progress = createProgressLine({
    stream: io.stderr,
    label: "Copying executions",
    total: ids.all.length,
    now: Date.now,
  });
  const copied = new Map<ExecutionId, Counts>();
  const skipped = new Map<ExecutionId, number>();
  const totals: Counts = { operations: 0, events: 0, timers: 0 };
  for (const executionId of ids.all) {
    const snapshot = await readSnapshot(source, executionId);
    if (snapshot !== undefined) {
      const counts: Counts = {
        operations: snapshot.operations.length,
        events: snapshot.events.length,
        timers: snapshot.timers.length,
      };
      if (await target.importExecution(snapshot)) {
        copied.set(executionId, counts);
        totals.operations += counts.operations;
        totals.events += counts.events;
        totals.timers += counts.timers;
      } else {
        skipped.set(executionId, counts.events);
      }
    }
    progress.update(copied.size + skipped.size, `(${skipped.size} already there)`);
  }
  progress.finish(`(${skipped.size} already there)`);
  const problems = await verify(target, copied, skipped);
  io.stdout.write(
    `Copied ${copied.size} execution(s): ${totals.operations} operation(s), ${totals.events} ` +
      `event(s), ${totals.timers} timer(s). Skipped ${skipped.size} already in the target.\n`,
  );
  if (problems.length > 0) {
    io.stderr.write(
      `error: the target does not match the source for ${problems.length} execution(s):\n` +
        problems
          .slice(0, 20)
          .map((problem) => `  ${problem}\n`)
          .join(""),
    );
    return ExitCode.INTERNAL;
  }
  io.stdout.write(
    `Verified: the target holds all ${copied.size + skipped.size} execution(s) with the counts copied.\n`,
  );
  return ExitCode.OK;
}

/** Ids of every execution, oldest first, and how many hold an unexpired lease. */
async function listAll(store: Store): Promise<{ all: ExecutionId[]; leased: number }> {
  const all: ExecutionId[] = [];
  const now = Date.now();
  let leased = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listExecutions({
      reverse: true,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const row of page.items) {
      all.push(row.executionId);
      if (row.status === "RUNNING" && (row.leaseExpiresAt ?? 0) > now) leased++;
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { all, leased };
}

/**
 * Everything stored for one execution, as of one version: read again until the row's version is
 * the same before and after its records were read (undefined when it was deleted meanwhile).
 */
async function readSnapshot(
  store: Store,
  executionId: ExecutionId,
): Promise<ExecutionImport | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = await store.getExecution(executionId);
    if (before === undefined) return undefined;
    const [operations, events, timers] = await Promise.all([
      store.listOperations(executionId),
      store.listEvents(executionId),
      store.listTimers(executionId),
    ]);
    const after = await store.getExecution(executionId);
    if (after === undefined) return undefined;
    if (after.version === before.version) return { execution: after, operations, events, timers };
  }
  throw new StoreError(
    "CONFLICT",
    `Execution ${executionId} kept changing while it was read; a process is running it on the ` +
      "source. Stop the processes using the source, then run the migration again (it skips what it copied).",
  );
}

/** Problems found comparing the target with what was copied (exact counts) or skipped (present). */
async function verify(
  target: Store,
  copied: ReadonlyMap<ExecutionId, Counts>,
  skipped: ReadonlyMap<ExecutionId, number>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [executionId, expected] of copied) {
    const [operations, events, timers] = await Promise.all([
      target.listOperations(executionId),
      target.listEvents(executionId),
      target.listTimers(executionId),
    ]);
    const found: Counts = {
      operations: operations.length,
      events: events.length,
      timers: timers.length,
    };
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      problems.push(
        `${executionId}: copied ${JSON.stringify(expected)}, the target holds ${JSON.stringify(found)}`,
      );
    }
  }
  // Executions copied by an earlier run may have moved on in the target since; none may be behind.
  for (const [executionId, sourceEvents] of skipped) {
    const row = await target.getExecution(executionId);
    if (row === undefined || row.lastEventId < sourceEvents) {
      problems.push(
        `${executionId}: the target holds ${row === undefined ? "no execution" : `${row.lastEventId} event(s)`}, ` +
          `the source ${sourceEvents}`,
      );
    }
  }
  return problems;
}
