/**
 * Looks into the SQLite file a `durably run` process uses, from the test process, through the
 * store and engine APIs (the engine is never started: it only reads, or records a callback's
 * outcome for whichever process runs the execution). WAL mode lets these reads and writes happen
 * while a CLI process has the file open.
 */
import { createEngine } from "@durably/engine";
import type { Engine, ExecutionSummary } from "@durably/engine";
import type { Event, Operation } from "@durably/sdk/protocol";
import { createSqliteStore } from "@durably/store/sqlite";

/** Opens the database, runs `use` with an engine over it, and closes it again. */
async function withDatabase<T>(dbPath: string, use: (engine: Engine) => Promise<T>): Promise<T> {
  const store = createSqliteStore({ path: dbPath });
  try {
    return await use(createEngine({ store }));
  } finally {
    await store.close();
  }
}

/** Every execution of the file with its operations and history (the invoked ones too). */
export interface DatabaseSnapshot {
  executions: ExecutionSummary[];
  operations: Operation[];
  events: Event[];
}

/** Reads every execution, operation and history event in the file. */
export function snapshot(dbPath: string): Promise<DatabaseSnapshot> {
  return withDatabase(dbPath, async (engine) => {
    const { items } = await engine.listExecutions({ limit: 1000 });
    const result: DatabaseSnapshot = { executions: items, operations: [], events: [] };
    for (const execution of items) {
      result.operations.push(...(await engine.getOperations(execution.executionId)));
      result.events.push(...(await engine.getHistory(execution.executionId)));
    }
    return result;
  });
}

/** Names of the named steps whose result is checkpointed (SUCCEEDED), in every execution of the file. */
export function checkpointedSteps(state: DatabaseSnapshot): Set<string> {
  return new Set(
    state.operations.flatMap((operation) =>
      operation.Type === "STEP" && operation.Status === "SUCCEEDED" && operation.Name !== undefined
        ? [operation.Name]
        : [],
    ),
  );
}

/** Completes a callback successfully, as an external system would. */
export function sendCallbackSuccess(
  dbPath: string,
  callbackId: string,
  result: string,
): Promise<void> {
  return withDatabase(dbPath, (engine) => engine.sendCallbackSuccess(callbackId, result));
}
