/**
 * The fixed statements of the PostgreSQL store, for one schema. Columns are always listed, never
 * `*`: a prepared statement whose result columns change (a later migration adding one) fails.
 */
import { quoteIdentifier } from "./postgres-schema.ts";
import { executionColumns, operationColumns, timerColumns } from "./postgres-rows.ts";

/** Names of the fixed statements. */
export type SqlName =
  | "executionById"
  | "executionByName"
  | "executionExists"
  | "operations"
  | "operationsChangedAfter"
  | "operationById"
  | "operationByCallbackId"
  | "operationSeqs"
  | "events"
  | "dueTimers"
  | "nextTimerDueAt"
  | "timersOfExecution"
  | "claim"
  | "nextReadyAt"
  | "claimOfFunctions"
  | "nextReadyAtOfFunctions"
  | "renewLease"
  | "claimDueTimers";

/** The tables of a schema, quoted and qualified, and the column list of `executions`. */
export interface SchemaTables {
  executions: string;
  operations: string;
  events: string;
  timers: string;
  /** The columns of `executions`, comma-separated. */
  executionColumns: string;
}

/** The quoted, schema-qualified table names of `schema`. */
export function schemaTables(schema: string): SchemaTables {
  const s = quoteIdentifier(schema);
  return {
    executions: `${s}.executions`,
    operations: `${s}.operations`,
    events: `${s}.events`,
    timers: `${s}.timers`,
    executionColumns: executionColumns.join(", "),
  };
}

/** The fixed statements of the store on `tables`. */
export function postgresSql(tables: SchemaTables): Readonly<Record<SqlName, string>> {
  const { executions, operations, events, timers } = tables;
  const columns = tables.executionColumns;
  return {
    executionById: `SELECT ${columns} FROM ${executions} WHERE execution_id = $1`,
    executionByName: `SELECT ${columns} FROM ${executions} WHERE function_name = $1 AND name = $2`,
    executionExists: `SELECT 1 FROM ${executions} WHERE execution_id = $1`,

    operations: `SELECT ${operationColumns} FROM ${operations} WHERE execution_id = $1 ORDER BY seq`,
    operationsChangedAfter: `SELECT ${operationColumns} FROM ${operations}
      WHERE execution_id = $1 AND updated_version > $2 ORDER BY seq`,
    operationById: `SELECT ${operationColumns} FROM ${operations} WHERE execution_id = $1 AND operation_id = $2`,
    operationByCallbackId: `SELECT ${operationColumns} FROM ${operations} WHERE callback_id = $1`,
    operationSeqs: `SELECT operation_id, seq FROM ${operations}
      WHERE execution_id = $1 AND operation_id = ANY($2::text[])`,

    /** LIMIT NULL reads every event. */
    events: `SELECT body FROM ${events} WHERE execution_id = $1 AND event_id > $2 ORDER BY event_id LIMIT $3`,

    dueTimers: `SELECT ${timerColumns} FROM ${timers} WHERE due_at <= $1
      ORDER BY due_at, execution_id, timer_id LIMIT $2`,
    nextTimerDueAt: `SELECT min(due_at) AS at FROM ${timers}`,
    timersOfExecution: `SELECT ${timerColumns} FROM ${timers} WHERE execution_id = $1 ORDER BY due_at, timer_id`,

    claim: claimStatement(tables, ""),
    /** `claim` among the functions of $5 (those the claiming worker hosts). */
    claimOfFunctions: claimStatement(tables, "AND function_name = ANY($5::text[])"),
    nextReadyAt: `SELECT min(coalesce(lease_expires_at, ready_at)) AS at FROM ${executions}
      WHERE status = 'RUNNING'`,
    nextReadyAtOfFunctions: `SELECT min(coalesce(lease_expires_at, ready_at)) AS at FROM ${executions}
      WHERE status = 'RUNNING' AND function_name = ANY($1::text[])`,
    /** Leaves `version` alone: a renewal must not make the holder's own commits conflict. */
    renewLease: `UPDATE ${executions} SET lease_expires_at = $1
      WHERE execution_id = $2 AND status = 'RUNNING' AND lease_owner = $3 AND generation = $4
      RETURNING 1 AS renewed`,
    /**
     * Moves due timers to $3 (the claim's end), skipping rows a concurrent claimer or commit has
     * locked, and returns them with the due_at they had, earliest first. The rows are updated by
     * ctid (a TID scan), which the lock keeps stable: a join on the key may read the whole table.
     */
    claimDueTimers: `WITH due AS (
        SELECT ctid AS row_id, execution_id, timer_id, due_at FROM ${timers} WHERE due_at <= $1
        ORDER BY due_at, execution_id, timer_id LIMIT $2
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE ${timers} SET due_at = $3 WHERE ctid = ANY(ARRAY(SELECT row_id FROM due))
        RETURNING execution_id, timer_id, kind, operation_id
      )
      SELECT c.execution_id, c.timer_id, c.kind, c.operation_id, d.due_at
      FROM claimed AS c JOIN due AS d ON c.execution_id = d.execution_id AND c.timer_id = d.timer_id
      ORDER BY d.due_at, c.execution_id, c.timer_id`,
  };
}

/**
 * The claim, with an extra `condition` on the rows it may pick. One statement: pick claimable
 * executions in claim order, skipping rows another claimer has locked, and lease them. A row a
 * concurrent claimer leased after this statement's snapshot is re-checked against the WHERE clause
 * once its lock is released, and then no longer matches. The least(...) bound lets the claim-order
 * index stop early; the coalesce(...) test decides: a leased execution once its lease expired, any
 * other at its readyAt.
 */
function claimStatement(tables: SchemaTables, condition: string): string {
  const { executions } = tables;
  return `WITH claimable AS (
        SELECT execution_id, least(ready_at, lease_expires_at) AS claim_order FROM ${executions}
        WHERE status = 'RUNNING' AND least(ready_at, lease_expires_at) <= $1
          AND coalesce(lease_expires_at, ready_at) <= $1 ${condition}
        ORDER BY least(ready_at, lease_expires_at), execution_id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE ${executions} AS e SET lease_owner = $3, lease_expires_at = $4,
          generation = e.generation + 1, version = e.version + 1, checkpoint_seq = 0, ready_at = NULL
        FROM claimable AS c WHERE e.execution_id = c.execution_id
        RETURNING ${executionColumns.map((column) => `e.${column}`).join(", ")}, c.claim_order
      )
      SELECT ${tables.executionColumns} FROM claimed ORDER BY claim_order, execution_id`;
}
