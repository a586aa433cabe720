/**
 * Mapping between records and SQLite rows. NULL columns become absent fields, never `undefined`
 * or `null` values, so rows round-trip like the other adapters' records.
 */
import type { ExecutionStatus, Operation } from "@durably/sdk/protocol";
import { decodeOperation, encodeEvent, encodeOperation } from "../internal/record-json.ts";
import { callbackIdOf } from "../internal/write-checks.ts";
import type { ExecutionRecord, OperationRecord, TimerKind, TimerRecord } from "../port/records.ts";
import type { Event } from "@durably/sdk/protocol";
import type { SqliteValue } from "./sqlite-driver.ts";

/** A row of `executions`. */
export interface ExecutionRow {
  execution_id: string;
  function_name: string;
  name: string;
  status: string;
  input: string | null;
  result: string | null;
  error: string | null;
  started_at: number;
  ended_at: number | null;
  timeout_seconds: number | null;
  version: number;
  generation: number;
  checkpoint_seq: number;
  last_event_id: number;
  ready_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  attributes: string | null;
}

/** A row of `operations` as the store reads it. */
export interface OperationRow {
  execution_id: string;
  seq: number;
  updated_version: number;
  body: string;
}

/** A row of `timers`. */
export interface TimerRow {
  execution_id: string;
  timer_id: string;
  kind: string;
  operation_id: string | null;
  due_at: number;
}

/** Columns of `executions` in the order {@link executionValues} returns them. */
export const executionColumns: readonly (keyof ExecutionRow)[] = [
  "execution_id",
  "function_name",
  "name",
  "status",
  "input",
  "result",
  "error",
  "started_at",
  "ended_at",
  "timeout_seconds",
  "version",
  "generation",
  "checkpoint_seq",
  "last_event_id",
  "ready_at",
  "lease_owner",
  "lease_expires_at",
  "attributes",
];

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const jsonOrNull = (value: unknown): string | null =>
  value == null ? null : JSON.stringify(value);

/** Values of an execution row, in {@link executionColumns} order. */
export function executionValues(record: ExecutionRecord): SqliteValue[] {
  return [
    record.executionId,
    record.functionName,
    record.name,
    record.status,
    orNull(record.input),
    orNull(record.result),
    jsonOrNull(record.error),
    record.startedAt,
    orNull(record.endedAt),
    orNull(record.timeoutSeconds),
    record.version,
    record.generation,
    record.checkpointSeq,
    record.lastEventId,
    orNull(record.readyAt),
    orNull(record.leaseOwner),
    orNull(record.leaseExpiresAt),
    jsonOrNull(record.attributes),
  ];
}

/** The record of an execution row. */
export function rowToExecution(row: ExecutionRow): ExecutionRecord {
  const record: ExecutionRecord = {
    executionId: row.execution_id,
    name: row.name,
    functionName: row.function_name,
    status: row.status as ExecutionStatus,
    startedAt: row.started_at,
    version: row.version,
    generation: row.generation,
    checkpointSeq: row.checkpoint_seq,
    lastEventId: row.last_event_id,
  };
  if (row.input !== null) record.input = row.input;
  if (row.result !== null) record.result = row.result;
  if (row.error !== null) record.error = JSON.parse(row.error) as ExecutionRecord["error"];
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  if (row.timeout_seconds !== null) record.timeoutSeconds = row.timeout_seconds;
  if (row.ready_at !== null) record.readyAt = row.ready_at;
  if (row.lease_owner !== null) record.leaseOwner = row.lease_owner;
  if (row.lease_expires_at !== null) record.leaseExpiresAt = row.lease_expires_at;
  if (row.attributes !== null)
    record.attributes = JSON.parse(row.attributes) as Record<string, unknown>;
  return record;
}

/** Values for `INSERT INTO operations (execution_id, operation_id, seq, updated_version, operation_type, status, callback_id, body)`. */
export function operationValues(
  record: Omit<OperationRecord, "updatedVersion">,
  updatedVersion: number,
): SqliteValue[] {
  const operation: Operation = record.operation;
  return [
    record.executionId,
    operation.Id,
    record.seq,
    updatedVersion,
    operation.Type,
    operation.Status,
    orNull(callbackIdOf(operation)),
    encodeOperation(operation),
  ];
}

/** The record of a row given as {@link executionValues} (what was just written). */
export function valuesToExecution(values: readonly SqliteValue[]): ExecutionRecord {
  const row: Record<string, SqliteValue | undefined> = {};
  executionColumns.forEach((column, i) => {
    row[column] = values[i];
  });
  return rowToExecution(row as unknown as ExecutionRow);
}

/** The record of an operation row. */
export function rowToOperation(row: OperationRow): OperationRecord {
  return {
    executionId: row.execution_id,
    seq: row.seq,
    updatedVersion: row.updated_version,
    operation: decodeOperation(row.body),
  };
}

/** Values for `INSERT INTO events (execution_id, event_id, event_type, event_timestamp, body)`. */
export function eventValues(executionId: string, event: Event): SqliteValue[] {
  const at = event.EventTimestamp instanceof Date ? event.EventTimestamp.getTime() : null;
  return [
    executionId,
    event.EventId,
    event.EventType,
    Number.isFinite(at) ? at : null,
    encodeEvent(event),
  ];
}

/** Values for `INSERT INTO timers (execution_id, timer_id, kind, operation_id, due_at)`. */
export function timerValues(timer: TimerRecord): SqliteValue[] {
  return [timer.executionId, timer.timerId, timer.kind, orNull(timer.operationId), timer.dueAt];
}

/** The record of a timer row. */
export function rowToTimer(row: TimerRow): TimerRecord {
  const timer: TimerRecord = {
    executionId: row.execution_id,
    timerId: row.timer_id,
    kind: row.kind as TimerKind,
    dueAt: row.due_at,
  };
  if (row.operation_id !== null) timer.operationId = row.operation_id;
  return timer;
}
