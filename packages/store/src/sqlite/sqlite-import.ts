/**
 * `importExecution` on SQLite: the rows of one execution written as given (versions included),
 * inside the store's write transaction.
 */
import { executionNameTaken } from "../internal/store-errors.ts";
import type { ExecutionImport } from "../port/store.ts";
import { executionValues } from "./sqlite-rows.ts";
import { sql } from "./sqlite-sql.ts";
import {
  withConstraintMessages,
  writeEvents,
  writeOperations,
  writeTimers,
} from "./sqlite-writes.ts";
import type { StatementCache } from "./statement-cache.ts";

/** Writes the imported execution unless its id exists (then false); throws when its name is taken. */
export function importExecutionRows(statements: StatementCache, input: ExecutionImport): boolean {
  const { execution } = input;
  const id = execution.executionId;
  if (statements.get(sql.executionExists, id) !== undefined) return false;
  if (statements.get(sql.executionByName, execution.functionName, execution.name) !== undefined) {
    throw executionNameTaken(execution);
  }
  const where = `importExecution("${id}")`;
  withConstraintMessages(where, () => {
    statements.run(sql.insertExecution, ...executionValues(execution));
    const versions = [...new Set(input.operations.map((op) => op.updatedVersion))];
    for (const version of versions) {
      const written = input.operations.filter((op) => op.updatedVersion === version);
      writeOperations(statements, id, written, version, where);
    }
    writeEvents(statements, id, input.events);
    writeTimers(statements, [], input.timers);
  });
  return true;
}
