/**
 * Why a write was refused, worked out after the fact: the single-statement writes only say "no
 * row" or fail on a constraint, so the store reads what it needs to name the rule that was broken.
 * Only refused writes pay for these reads.
 */
import { StoreError, type DurablyError } from "../errors/store-error.ts";
import { executionNotFound, invalidArgument, versionConflict } from "../internal/store-errors.ts";
import { checkCommitEvents } from "../internal/write-checks.ts";
import type { ExecutionRecord, OperationRecord } from "../port/records.ts";
import type { ExecutionCommit } from "../port/store.ts";
import type { ConnectionTarget } from "./connection-target.ts";
import { driverCode, driverField, toStoreError } from "./postgres-errors.ts";
import { fromPgText, toPgText } from "./postgres-text.ts";

/**
 * The error of a commit whose statement returned no row: NOT_FOUND, CONFLICT, or the
 * INVALID_ARGUMENT of events that do not follow the stored lastEventId, checked in that order
 * (as the other adapters do).
 */
export function commitRefusal(
  change: ExecutionCommit,
  current: ExecutionRecord | undefined,
): StoreError {
  const { executionId, expectedVersion } = change;
  if (current === undefined) return executionNotFound(executionId);
  if (current.version !== expectedVersion) {
    return versionConflict(executionId, expectedVersion, current.version);
  }
  try {
    checkCommitEvents(change, current);
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  // The version matched on this read but not during the write: a writer came and went between.
  return versionConflict(executionId, expectedVersion, current.version);
}

/** True when `error` is the NOT NULL refusal that marks an operation whose seq would change. */
function isSeqChange(error: unknown): boolean {
  return driverCode(error) === "23502" && driverField(error, "column") === "seq";
}

/** INVALID_ARGUMENT naming the first operation whose stored seq differs from the one written. */
function seqChangeError(
  where: string,
  operations: readonly Omit<OperationRecord, "updatedVersion">[],
  stored: ReadonlyMap<string, number>,
): StoreError {
  const changed = operations.find((record) => {
    const seq = stored.get(record.operation.Id);
    return seq !== undefined && seq !== record.seq;
  });
  const id = changed?.operation.Id ?? "?";
  return invalidArgument(
    `${where}: operation "${id}" has seq ${String(stored.get(id))}, the write gives ` +
      `${String(changed?.seq)}; seq never changes. Nothing was written`,
  );
}

const uniqueRules: Record<string, string> = {
  operations_by_callback_id: "a callback id is already held by another operation",
  operations_by_seq: "an operation seq is already held by another operation",
  events_pkey: "an EventId is already written",
};

/** INVALID_ARGUMENT for a uniqueness violation of a write, or undefined for any other error. */
function uniquenessError(where: string, error: unknown): StoreError | undefined {
  if (driverCode(error) !== "23505") return undefined;
  const rule = uniqueRules[driverField(error, "constraint")] ?? "a uniqueness rule is broken";
  // The detail names the key ("Key (callback_id)=(x) already exists."); ids only, never payloads.
  const detail = driverField(error, "detail").slice(0, 300);
  return new StoreError("INVALID_ARGUMENT", `${where}: ${rule} (${detail}); nothing was written`, {
    cause: error,
  });
}

/** A stored operation's seq, as `operationSeqs` reads it. */
interface StoredSeq {
  operation_id: string;
  seq: string | number;
}

/**
 * The error a failed write statement of `where` stands for: a seq change or a uniqueness rule as
 * INVALID_ARGUMENT naming it, anything else translated. `readSeqs` runs `operationSeqs` with
 * (executionId, operation ids).
 */
export async function writeFailure(
  error: unknown,
  where: string,
  operations: readonly Omit<OperationRecord, "updatedVersion">[],
  target: ConnectionTarget,
  readSeqs: (values: unknown[]) => Promise<StoredSeq[]>,
): Promise<DurablyError> {
  if (isSeqChange(error)) {
    const executionId = toPgText(operations[0]?.executionId ?? "");
    const ids = operations.map((record) => toPgText(record.operation.Id));
    const stored = await readSeqs([executionId, ids]);
    const seqs = new Map(stored.map((row) => [fromPgText(row.operation_id), Number(row.seq)]));
    return seqChangeError(where, operations, seqs);
  }
  return uniquenessError(where, error) ?? toStoreError(error, { target, action: where });
}
