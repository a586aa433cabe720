/**
 * The row writes shared by createExecution and commit. They run inside the store's write
 * transaction; a uniqueness violation becomes INVALID_ARGUMENT and the transaction (or the
 * write's savepoint) is rolled back by the caller.
 */
import type { Event } from "@durably/sdk/protocol";
import { StoreError } from "../errors/store-error.ts";
import { invalidArgument } from "../internal/store-errors.ts";
import type { ExecutionId, OperationRecord, TimerKey, TimerRecord } from "../port/records.ts";
import { isConstraintError } from "./sqlite-errors.ts";
import { eventValues, operationValues, timerValues } from "./sqlite-rows.ts";
import { sql } from "./sqlite-sql.ts";
import type { StatementCache } from "./statement-cache.ts";

/** Runs `write`, turning a uniqueness violation into INVALID_ARGUMENT naming the rule. */
export function withConstraintMessages(where: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!isConstraintError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    const rule = detail.includes("callback_id")
      ? "a callback id is already held by another operation"
      : detail.includes("seq")
        ? "an operation seq is already held by another operation"
        : "a uniqueness rule is broken";
    throw new StoreError("INVALID_ARGUMENT", `${where}: ${rule} (${detail}); nothing was written`, {
      cause: error,
    });
  }
}

/** Inserts or replaces operations, stamped with `version`; rejects a changed seq. */
export function writeOperations(
  statements: StatementCache,
  executionId: ExecutionId,
  operations: readonly Omit<OperationRecord, "updatedVersion">[],
  version: number,
  where: string,
): void {
  for (const record of operations) {
    if (statements.run(sql.upsertOperation, ...operationValues(record, version)) > 0) continue;
    const id = record.operation.Id;
    const stored = statements.get<{ seq: number }>(sql.operationSeq, executionId, id);
    throw invalidArgument(
      `${where}: operation "${id}" has seq ${String(stored?.seq)}, the write gives ${record.seq}; seq never changes`,
    );
  }
}

/** Appends events. */
export function writeEvents(
  statements: StatementCache,
  executionId: ExecutionId,
  events: readonly Event[],
): void {
  for (const event of events) statements.run(sql.insertEvent, ...eventValues(executionId, event));
}

/** Deletes then inserts or replaces timers (deletes first, as the port specifies). */
export function writeTimers(
  statements: StatementCache,
  deleteTimers: readonly TimerKey[],
  setTimers: readonly TimerRecord[],
): void {
  for (const key of deleteTimers) statements.run(sql.deleteTimer, key.executionId, key.timerId);
  for (const timer of setTimers) statements.run(sql.upsertTimer, ...timerValues(timer));
}
