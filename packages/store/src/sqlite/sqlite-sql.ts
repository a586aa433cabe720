/**
 * Every SQL statement the SQLite store runs, in one place so that tests can check their query
 * plans use the schema's indexes.
 */
import { executionColumns } from "./sqlite-rows.ts";

const operationColumns = "execution_id, seq, updated_version, body";
const placeholders = (count: number): string => Array.from({ length: count }, () => "?").join(", ");

/** The statements, by purpose. */
/** Names of the statements. */
export type SqlName =
  | "executionById"
  | "executionExists"
  | "executionByName"
  | "insertExecution"
  | "updateExecution"
  | "operations"
  | "operationsChangedAfter"
  | "operationById"
  | "operationByCallbackId"
  | "operationSeq"
  | "upsertOperation"
  | "events"
  | "insertEvent"
  | "dueTimers"
  | "nextTimerDueAt"
  | "timersOfExecution"
  | "deleteTimer"
  | "upsertTimer"
  | "claimable"
  | "claim"
  | "nextReadyAt"
  | "claimableOfFunctions"
  | "nextReadyAtOfFunctions"
  | "renewLease"
  | "moveTimer";

export const sql: Readonly<Record<SqlName, string>> = {
  executionById: "SELECT * FROM executions WHERE execution_id = ?",
  executionExists: "SELECT 1 FROM executions WHERE execution_id = ?",
  executionByName: "SELECT * FROM executions WHERE function_name = ? AND name = ?",
  insertExecution: `INSERT INTO executions (${executionColumns.join(", ")}) VALUES (${placeholders(executionColumns.length)})`,
  /** Every column but execution_id, then execution_id. */
  updateExecution: `UPDATE executions SET ${executionColumns
    .slice(1)
    .map((column) => `${column} = ?`)
    .join(", ")} WHERE execution_id = ?`,

  operations: `SELECT ${operationColumns} FROM operations WHERE execution_id = ? ORDER BY seq`,
  operationsChangedAfter: `SELECT ${operationColumns} FROM operations WHERE execution_id = ? AND updated_version > ? ORDER BY seq`,
  operationById: `SELECT ${operationColumns} FROM operations WHERE execution_id = ? AND operation_id = ?`,
  operationByCallbackId: `SELECT ${operationColumns} FROM operations WHERE callback_id = ?`,
  operationSeq: "SELECT seq FROM operations WHERE execution_id = ? AND operation_id = ?",
  /** Skips (changes = 0) a row whose stored seq differs from the one written: seq never changes. */
  upsertOperation: `INSERT INTO operations (execution_id, operation_id, seq, updated_version, operation_type, status, callback_id, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (execution_id, operation_id) DO UPDATE SET updated_version = excluded.updated_version,
      operation_type = excluded.operation_type, status = excluded.status, callback_id = excluded.callback_id,
      body = excluded.body
    WHERE operations.seq = excluded.seq`,

  /** LIMIT -1 reads every event. */
  events:
    "SELECT body FROM events WHERE execution_id = ? AND event_id > ? ORDER BY event_id LIMIT ?",
  insertEvent:
    "INSERT INTO events (execution_id, event_id, event_type, event_timestamp, body) VALUES (?, ?, ?, ?, ?)",

  dueTimers:
    "SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, execution_id, timer_id LIMIT ?",
  nextTimerDueAt: "SELECT min(due_at) AS at FROM timers",
  timersOfExecution: "SELECT * FROM timers WHERE execution_id = ? ORDER BY due_at, timer_id",
  deleteTimer: "DELETE FROM timers WHERE execution_id = ? AND timer_id = ?",
  upsertTimer: `INSERT INTO timers (execution_id, timer_id, kind, operation_id, due_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (execution_id, timer_id) DO UPDATE SET kind = excluded.kind, operation_id = excluded.operation_id,
      due_at = excluded.due_at`,

  /**
   * Walks the claim order (the earlier of readyAt and leaseExpiresAt, which is never later than
   * the instant an execution becomes claimable) and keeps the claimable ones: leased ones once the
   * lease expired, the others at readyAt. INDEXED BY pins the plan: without statistics SQLite
   * would rather scan every RUNNING execution through the status index.
   */
  claimable: `SELECT * FROM executions INDEXED BY executions_claim_order
    WHERE status = 'RUNNING'
      AND min(coalesce(ready_at, lease_expires_at), coalesce(lease_expires_at, ready_at)) <= ?
      AND coalesce(lease_expires_at, ready_at) <= ?
    ORDER BY min(coalesce(ready_at, lease_expires_at), coalesce(lease_expires_at, ready_at)), execution_id
    LIMIT ?`,
  claim: `UPDATE executions SET lease_owner = ?, lease_expires_at = ?, generation = generation + 1,
    version = version + 1, checkpoint_seq = 0, ready_at = NULL
    WHERE execution_id = ?`,
  nextReadyAt: `SELECT min(coalesce(lease_expires_at, ready_at)) AS at
    FROM executions INDEXED BY executions_claimable WHERE status = 'RUNNING'`,

  /** `claimable` among the functions of a JSON array (the claiming worker hosts). */
  claimableOfFunctions: `SELECT * FROM executions INDEXED BY executions_claim_order
    WHERE status = 'RUNNING'
      AND min(coalesce(ready_at, lease_expires_at), coalesce(lease_expires_at, ready_at)) <= ?
      AND coalesce(lease_expires_at, ready_at) <= ?
      AND function_name IN (SELECT value FROM json_each(?))
    ORDER BY min(coalesce(ready_at, lease_expires_at), coalesce(lease_expires_at, ready_at)), execution_id
    LIMIT ?`,
  /** `nextReadyAt` among the functions of a JSON array: the index order, up to the first match. */
  nextReadyAtOfFunctions: `SELECT coalesce(lease_expires_at, ready_at) AS at
    FROM executions INDEXED BY executions_claimable
    WHERE status = 'RUNNING' AND coalesce(lease_expires_at, ready_at) IS NOT NULL
      AND function_name IN (SELECT value FROM json_each(?))
    ORDER BY coalesce(lease_expires_at, ready_at) LIMIT 1`,
  /** Leaves `version` alone: a renewal must not make the holder's own commits conflict. */
  renewLease: `UPDATE executions SET lease_expires_at = ?
    WHERE execution_id = ? AND status = 'RUNNING' AND lease_owner = ? AND generation = ?`,
  moveTimer: "UPDATE timers SET due_at = ? WHERE execution_id = ? AND timer_id = ?",
};
