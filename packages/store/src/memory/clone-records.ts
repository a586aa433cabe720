/**
 * Targeted copies of records, so that nobody outside the memory store can change what it holds.
 * Much cheaper than `structuredClone` for these small, plain objects. Keys holding `undefined` are
 * dropped, which matches what a JSON-backed store returns ("absent stays absent").
 */
import type { ExecutionRecord, OperationRecord, TimerRecord } from "../port/records.ts";

/** Deep copy of plain JSON-like data (objects, arrays, primitives, Dates). */
export function cloneData<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = Array.from({ length: value.length });
    for (let i = 0; i < value.length; i++) copy[i] = cloneData(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) copy[key] = cloneData(inner);
  }
  return copy as T;
}

/** Copy of an execution row; optional fields that are null or undefined are left out. */
export function cloneExecution(record: ExecutionRecord): ExecutionRecord {
  const copy: ExecutionRecord = {
    executionId: record.executionId,
    name: record.name,
    functionName: record.functionName,
    status: record.status,
    startedAt: record.startedAt,
    version: record.version,
    generation: record.generation,
    checkpointSeq: record.checkpointSeq,
    lastEventId: record.lastEventId,
  };
  if (record.input != null) copy.input = record.input;
  if (record.result != null) copy.result = record.result;
  if (record.error != null) copy.error = cloneData(record.error);
  if (record.endedAt != null) copy.endedAt = record.endedAt;
  if (record.timeoutSeconds != null) copy.timeoutSeconds = record.timeoutSeconds;
  if (record.readyAt != null) copy.readyAt = record.readyAt;
  if (record.leaseOwner != null) copy.leaseOwner = record.leaseOwner;
  if (record.leaseExpiresAt != null) copy.leaseExpiresAt = record.leaseExpiresAt;
  if (record.attributes != null) copy.attributes = cloneData(record.attributes);
  return copy;
}

/** Copy of an operation row with the given `updatedVersion`. */
export function cloneOperationRecord(
  record: Omit<OperationRecord, "updatedVersion">,
  updatedVersion: number,
): OperationRecord {
  return {
    executionId: record.executionId,
    seq: record.seq,
    updatedVersion,
    operation: cloneData(record.operation),
  };
}

/** Copy of a timer. */
export function cloneTimer(timer: TimerRecord): TimerRecord {
  const copy: TimerRecord = {
    executionId: timer.executionId,
    timerId: timer.timerId,
    kind: timer.kind,
    dueAt: timer.dueAt,
  };
  if (timer.operationId != null) copy.operationId = timer.operationId;
  return copy;
}
