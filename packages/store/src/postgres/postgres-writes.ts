/**
 * The statements of createExecution and commit. Each write is ONE statement whose data-modifying
 * CTEs write the execution row, then its operations, events and timers as multi-row inserts over
 * `unnest` of parallel arrays: one round trip, atomic on its own (no BEGIN/COMMIT), and every
 * part joins the written row, so when the version check fails nothing else is written either.
 */
import type { ExecutionRecord, OperationRecord, TimerRecord } from "../port/records.ts";
import type {
  ExecutionCommit,
  ExecutionImport,
  ExecutionPatch,
  NewExecution,
} from "../port/store.ts";
import type { PgQuery } from "./pg-driver.ts";
import {
  eventArrays,
  executionColumns,
  executionValues,
  operationArrays,
  timerArrays,
} from "./postgres-rows.ts";
import type { SchemaTables } from "./postgres-sql.ts";
import { toPgText, toPgTextOrNull } from "./postgres-text.ts";

/** Collects parameters and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const jsonOrNull = (value: unknown): string | null =>
  value == null ? null : JSON.stringify(value);

// Column and stored value of each patchable field; lastEventId is derived from the events.
const patchColumns: readonly [keyof ExecutionPatch, string, (value: never) => unknown][] = [
  ["status", "status", (value: string) => value],
  ["result", "result", (value: string | null) => toPgTextOrNull(value)],
  ["error", "error", jsonOrNull],
  ["endedAt", "ended_at", (value: number | null) => value],
  ["generation", "generation", (value: number) => value],
  ["checkpointSeq", "checkpoint_seq", (value: number) => value],
  ["readyAt", "ready_at", (value: number | null) => value],
  ["leaseOwner", "lease_owner", (value: string | null) => toPgTextOrNull(value)],
  ["leaseExpiresAt", "lease_expires_at", (value: number | null) => value],
  ["attributes", "attributes", jsonOrNull],
];

/** `SELECT` of the written row, NOTIFYing `channel` with its readyAt when one is given. */
function selectWritten(from: string, params: Params, channel: string | undefined): string {
  const notify = channel === undefined ? "" : `, pg_notify(${params.add(channel)}, ready_at::text)`;
  return `SELECT ${executionColumns.join(", ")}${notify} FROM ${from}`;
}

/** CTEs inserting operations, events and timers for the execution row `from` returns. */
function childWrites(
  tables: SchemaTables,
  params: Params,
  from: string,
  parts: {
    operations: readonly Omit<OperationRecord, "updatedVersion">[];
    events: NewExecution["events"];
    setTimers: readonly TimerRecord[];
    deleteTimerIds: readonly string[];
    /** The operations' own updated_version (an import); else the written row's version. */
    updatedVersions?: readonly number[];
  },
): string[] {
  const ctes: string[] = [];
  if (parts.operations.length > 0) {
    const [ids, seqs, types, statuses, callbackIds, bodies] = operationArrays(parts.operations);
    // An import keeps each operation's updated_version; any other write stamps the row's version.
    const versions = parts.updatedVersions;
    const version = versions === undefined ? "x.version" : "w.updated_version";
    const versionArray = versions === undefined ? "" : `, ${params.add(versions)}::bigint[]`;
    const versionColumn = versions === undefined ? "" : ", updated_version";
    ctes.push(`operations_written AS (
      INSERT INTO ${tables.operations} AS o
        (execution_id, operation_id, seq, updated_version, operation_type, status, callback_id, body)
      SELECT x.execution_id, w.operation_id, w.seq, ${version}, w.operation_type, w.status, w.callback_id, w.body
      FROM ${from} AS x, unnest(${params.add(ids)}::text[], ${params.add(seqs)}::bigint[],
        ${params.add(types)}::text[], ${params.add(statuses)}::text[], ${params.add(callbackIds)}::text[],
        ${params.add(bodies)}::text[]${versionArray})
        AS w(operation_id, seq, operation_type, status, callback_id, body${versionColumn})
      ON CONFLICT (execution_id, operation_id) DO UPDATE SET
        seq = CASE WHEN o.seq = excluded.seq THEN o.seq END,
        updated_version = excluded.updated_version, operation_type = excluded.operation_type,
        status = excluded.status, callback_id = excluded.callback_id, body = excluded.body)`);
  }
  if (parts.events.length > 0) {
    const [ids, types, timestamps, bodies] = eventArrays(parts.events);
    ctes.push(`events_written AS (
      INSERT INTO ${tables.events} (execution_id, event_id, event_type, event_timestamp, body)
      SELECT x.execution_id, w.event_id, w.event_type, w.event_timestamp, w.body
      FROM ${from} AS x, unnest(${params.add(ids)}::bigint[], ${params.add(types)}::text[],
        ${params.add(timestamps)}::float8[], ${params.add(bodies)}::text[])
        AS w(event_id, event_type, event_timestamp, body))`);
  }
  if (parts.deleteTimerIds.length > 0) {
    ctes.push(`timers_deleted AS (
      DELETE FROM ${tables.timers} AS t USING ${from} AS x
      WHERE t.execution_id = x.execution_id AND t.timer_id = ANY(${params.add(parts.deleteTimerIds)}::text[]))`);
  }
  if (parts.setTimers.length > 0) {
    const [ids, kinds, operationIds, dueAts] = timerArrays(parts.setTimers);
    ctes.push(`timers_set AS (
      INSERT INTO ${tables.timers} (execution_id, timer_id, kind, operation_id, due_at)
      SELECT x.execution_id, w.timer_id, w.kind, w.operation_id, w.due_at
      FROM ${from} AS x, unnest(${params.add(ids)}::text[], ${params.add(kinds)}::text[],
        ${params.add(operationIds)}::text[], ${params.add(dueAts)}::float8[]) AS w(timer_id, kind, operation_id, due_at)
      ON CONFLICT (execution_id, timer_id) DO UPDATE SET
        kind = excluded.kind, operation_id = excluded.operation_id, due_at = excluded.due_at)`);
  }
  return ctes;
}

/**
 * Inserts a new execution and everything it comes with, unless its id or (functionName, name) is
 * taken: then the statement returns no row and writes nothing.
 */
export function buildCreateExecution(
  tables: SchemaTables,
  input: NewExecution,
  channel: string | undefined,
): PgQuery {
  const params = new Params();
  const record: ExecutionRecord = { ...input.execution, version: 1 };
  const values = executionValues(record).map((value) => params.add(value));
  const ctes = [
    `created AS (
      INSERT INTO ${tables.executions} (${tables.executionColumns}) VALUES (${values.join(", ")})
      ON CONFLICT DO NOTHING RETURNING ${tables.executionColumns})`,
    ...childWrites(tables, params, "created", {
      operations: input.operations ?? [],
      events: input.events ?? [],
      setTimers: input.timers ?? [],
      deleteTimerIds: [],
    }),
  ];
  const notify = typeof record.readyAt === "number" ? channel : undefined;
  return {
    text: `WITH ${ctes.join(",\n")}\n${selectWritten("created", params, notify)}`,
    values: params.values,
  };
}

/**
 * Inserts an imported execution exactly as given (its version, its operations' updated_version),
 * unless its id or (functionName, name) is taken: then the statement returns no row and writes nothing.
 */
export function buildImportExecution(
  tables: SchemaTables,
  input: ExecutionImport,
  channel: string | undefined,
): PgQuery {
  const params = new Params();
  const values = executionValues(input.execution).map((value) => params.add(value));
  const ctes = [
    `imported AS (
      INSERT INTO ${tables.executions} (${tables.executionColumns}) VALUES (${values.join(", ")})
      ON CONFLICT DO NOTHING RETURNING ${tables.executionColumns})`,
    ...childWrites(tables, params, "imported", {
      operations: input.operations,
      updatedVersions: input.operations.map((op) => op.updatedVersion),
      events: input.events,
      setTimers: input.timers,
      deleteTimerIds: [],
    }),
  ];
  const notify = typeof input.execution.readyAt === "number" ? channel : undefined;
  return {
    text: `WITH ${ctes.join(",\n")}\n${selectWritten("imported", params, notify)}`,
    values: params.values,
  };
}

/**
 * The lastEventId the stored row must have for the commit's events to follow it: null when any
 * will do, undefined when none can (the events skip an id, or a patched lastEventId contradicts them).
 */
export function requiredLastEventId(change: ExecutionCommit): number | null | undefined {
  const events = change.events ?? [];
  const patched = change.execution?.lastEventId;
  const first = events[0]?.EventId;
  if (first === undefined) return patched ?? null;
  const prior = first - 1;
  if (!Number.isInteger(prior) || prior < 0) return undefined;
  if (events.some((event, i) => event.EventId !== first + i)) return undefined;
  if (patched !== undefined && patched !== prior + events.length) return undefined;
  return prior;
}

/**
 * Applies a commit if the row is at `expectedVersion` and at `lastEventId` (when not null);
 * otherwise the statement returns no row and writes nothing.
 */
export function buildCommit(
  tables: SchemaTables,
  change: ExecutionCommit,
  lastEventId: number | null,
  channel: string | undefined,
): PgQuery {
  const params = new Params();
  const events = change.events ?? [];
  const assignments = ["version = version + 1"];
  if (events.length > 0)
    assignments.push(`last_event_id = last_event_id + ${params.add(events.length)}`);
  const patch = change.execution ?? {};
  for (const [key, column, store] of patchColumns) {
    const value = patch[key];
    if (value !== undefined) assignments.push(`${column} = ${params.add(store(value as never))}`);
  }
  const conditions = [
    `execution_id = ${params.add(toPgText(change.executionId))}`,
    `version = ${params.add(change.expectedVersion)}`,
  ];
  if (lastEventId !== null) conditions.push(`last_event_id = ${params.add(lastEventId)}`);
  // A timer both deleted and set is simply replaced: sibling CTEs must not touch one row twice.
  const setTimers = change.setTimers ?? [];
  const reset = new Set(setTimers.map((timer) => timer.timerId));
  const deleteTimerIds = (change.deleteTimers ?? [])
    .filter((key) => !reset.has(key.timerId))
    .map((key) => toPgText(key.timerId));
  const ctes = [
    `updated AS (
      UPDATE ${tables.executions} SET ${assignments.join(", ")}
      WHERE ${conditions.join(" AND ")}
      RETURNING ${tables.executionColumns})`,
    ...childWrites(tables, params, "updated", {
      operations: change.operations ?? [],
      events,
      setTimers,
      deleteTimerIds,
    }),
  ];
  const notify = typeof patch.readyAt === "number" ? channel : undefined;
  return {
    text: `WITH ${ctes.join(",\n")}\n${selectWritten("updated", params, notify)}`,
    values: params.values,
  };
}
