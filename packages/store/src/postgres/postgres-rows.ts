/**
 * Mapping between records and PostgreSQL rows. NULL columns become absent fields; bigint columns
 * arrive as strings from node-postgres (as numbers from other drivers) and are read with Number();
 * caller strings go through the NUL escape of postgres-text.ts.
 */
import type { Event, ExecutionStatus } from "@durably/sdk/protocol";
import { decodeOperation, encodeEvent, encodeOperation } from "../internal/record-json.ts";
import { callbackIdOf } from "../internal/write-checks.ts";
import type { ExecutionRecord, OperationRecord, TimerKind, TimerRecord } from "../port/records.ts";
import { fromPgText, toPgText, toPgTextOrNull } from "./postgres-text.ts";

type Count = number | string;

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
  version: Count;
  generation: Count;
  checkpoint_seq: Count;
  last_event_id: Count;
  ready_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  attributes: string | null;
}

/** A row of `operations` as the store reads it. */
export interface OperationRow {
  execution_id: string;
  seq: Count;
  updated_version: Count;
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

/** Columns of `operations` the store reads. */
export const operationColumns = "execution_id, seq, updated_version, body";
/** Columns of `timers`. */
export const timerColumns = "execution_id, timer_id, kind, operation_id, due_at";

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const jsonOrNull = (value: unknown): string | null =>
  value == null ? null : JSON.stringify(value);

/** Values of an execution row, in {@link executionColumns} order. */
export function executionValues(record: ExecutionRecord): unknown[] {
  return [
    toPgText(record.executionId),
    toPgText(record.functionName),
    toPgText(record.name),
    record.status,
    toPgTextOrNull(record.input),
    toPgTextOrNull(record.result),
    jsonOrNull(record.error),
    record.startedAt,
    orNull(record.endedAt),
    orNull(record.timeoutSeconds),
    record.version,
    record.generation,
    record.checkpointSeq,
    record.lastEventId,
    orNull(record.readyAt),
    toPgTextOrNull(record.leaseOwner),
    orNull(record.leaseExpiresAt),
    jsonOrNull(record.attributes),
  ];
}

/** The record of an execution row. */
export function rowToExecution(row: ExecutionRow): ExecutionRecord {
  const record: ExecutionRecord = {
    executionId: fromPgText(row.execution_id),
    name: fromPgText(row.name),
    functionName: fromPgText(row.function_name),
    status: row.status as ExecutionStatus,
    startedAt: row.started_at,
    version: Number(row.version),
    generation: Number(row.generation),
    checkpointSeq: Number(row.checkpoint_seq),
    lastEventId: Number(row.last_event_id),
  };
  if (row.input !== null) record.input = fromPgText(row.input);
  if (row.result !== null) record.result = fromPgText(row.result);
  if (row.error !== null) record.error = JSON.parse(row.error) as ExecutionRecord["error"];
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  if (row.timeout_seconds !== null) record.timeoutSeconds = row.timeout_seconds;
  if (row.ready_at !== null) record.readyAt = row.ready_at;
  if (row.lease_owner !== null) record.leaseOwner = fromPgText(row.lease_owner);
  if (row.lease_expires_at !== null) record.leaseExpiresAt = row.lease_expires_at;
  if (row.attributes !== null) {
    record.attributes = JSON.parse(row.attributes) as Record<string, unknown>;
  }
  return record;
}

/** The record of an operation row. */
export function rowToOperation(row: OperationRow): OperationRecord {
  return {
    executionId: fromPgText(row.execution_id),
    seq: Number(row.seq),
    updatedVersion: Number(row.updated_version),
    operation: decodeOperation(row.body),
  };
}

/** The record of a timer row. */
export function rowToTimer(row: TimerRow): TimerRecord {
  const timer: TimerRecord = {
    executionId: fromPgText(row.execution_id),
    timerId: fromPgText(row.timer_id),
    kind: row.kind as TimerKind,
    dueAt: row.due_at,
  };
  if (row.operation_id !== null) timer.operationId = fromPgText(row.operation_id);
  return timer;
}

/** Operations as the parallel arrays `unnest` reads: ids, seqs, types, statuses, callback ids, bodies. */
export function operationArrays(
  records: readonly Omit<OperationRecord, "updatedVersion">[],
): unknown[][] {
  const ids: string[] = [];
  const seqs: number[] = [];
  const types: string[] = [];
  const statuses: string[] = [];
  const callbackIds: (string | null)[] = [];
  const bodies: string[] = [];
  for (const { seq, operation } of records) {
    ids.push(toPgText(operation.Id));
    seqs.push(seq);
    types.push(operation.Type);
    statuses.push(operation.Status);
    callbackIds.push(toPgTextOrNull(callbackIdOf(operation)));
    bodies.push(encodeOperation(operation));
  }
  return [ids, seqs, types, statuses, callbackIds, bodies];
}

/** Events as parallel arrays: EventIds, types, timestamps (epoch ms), bodies. */
export function eventArrays(events: readonly Event[]): unknown[][] {
  const ids: number[] = [];
  const types: string[] = [];
  const timestamps: (number | null)[] = [];
  const bodies: string[] = [];
  for (const event of events) {
    const at = event.EventTimestamp instanceof Date ? event.EventTimestamp.getTime() : Number.NaN;
    ids.push(event.EventId);
    types.push(event.EventType);
    timestamps.push(Number.isFinite(at) ? at : null);
    bodies.push(encodeEvent(event));
  }
  return [ids, types, timestamps, bodies];
}

/** Timers as parallel arrays: timer ids, kinds, operation ids, due instants. */
export function timerArrays(timers: readonly TimerRecord[]): unknown[][] {
  return [
    timers.map((timer) => toPgText(timer.timerId)),
    timers.map((timer) => timer.kind),
    timers.map((timer) => toPgTextOrNull(timer.operationId)),
    timers.map((timer) => timer.dueAt),
  ];
}
