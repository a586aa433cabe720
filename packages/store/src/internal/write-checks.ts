/**
 * Validation of writes (`createExecution`, `commit`), shared by the adapters. Everything here runs
 * before anything is written, so a rejected write changes nothing.
 */
import type { Event, Operation } from "@durably/sdk/protocol";
import type {
  ExecutionId,
  ExecutionRecord,
  OperationRecord,
  TimerRecord,
} from "../port/records.ts";
import type { ExecutionCommit, ExecutionImport, NewExecution } from "../port/store.ts";
import { invalidArgument } from "./store-errors.ts";

/** The callback id an operation holds, if any (the key of `findOperationByCallbackId`). */
export function callbackIdOf(operation: Operation): string | undefined {
  const id = operation.CallbackDetails?.CallbackId;
  return typeof id === "string" ? id : undefined;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function checkOperations(
  executionId: ExecutionId,
  operations: readonly Omit<OperationRecord, "updatedVersion">[],
  where: string,
): void {
  const ids = new Set<string>();
  const seqs = new Set<number>();
  const callbackIds = new Set<string>();
  for (const record of operations) {
    const id = record.operation?.Id;
    if (typeof id !== "string" || id === "") {
      throw invalidArgument(`${where}: every operation needs a non-empty string Id`);
    }
    if (record.executionId !== executionId) {
      throw invalidArgument(
        `${where}: operation "${id}" belongs to execution "${record.executionId}", not "${executionId}"`,
      );
    }
    if (!isNonNegativeInteger(record.seq)) {
      throw invalidArgument(
        `${where}: operation "${id}" has seq ${String(record.seq)}; seq must be an integer >= 0`,
      );
    }
    if (ids.has(id))
      throw invalidArgument(`${where}: operation "${id}" appears twice; send it once`);
    if (seqs.has(record.seq)) {
      throw invalidArgument(
        `${where}: two operations share seq ${record.seq}; seq is unique per execution`,
      );
    }
    const callbackId = callbackIdOf(record.operation);
    if (callbackId !== undefined) {
      if (callbackIds.has(callbackId)) {
        throw invalidArgument(
          `${where}: two operations hold callback id "${callbackId}"; callback ids are unique`,
        );
      }
      callbackIds.add(callbackId);
    }
    ids.add(id);
    seqs.add(record.seq);
  }
}

function checkTimers(
  executionId: ExecutionId,
  timers: readonly TimerRecord[],
  where: string,
): void {
  const ids = new Set<string>();
  for (const timer of timers) {
    if (typeof timer.timerId !== "string" || timer.timerId === "") {
      throw invalidArgument(`${where}: every timer needs a non-empty string timerId`);
    }
    if (timer.executionId !== executionId) {
      throw invalidArgument(
        `${where}: timer "${timer.timerId}" belongs to execution "${timer.executionId}", not "${executionId}"`,
      );
    }
    if (typeof timer.dueAt !== "number" || !Number.isFinite(timer.dueAt)) {
      throw invalidArgument(`${where}: timer "${timer.timerId}" needs a finite dueAt (epoch ms)`);
    }
    if (ids.has(timer.timerId))
      throw invalidArgument(`${where}: timer "${timer.timerId}" appears twice`);
    ids.add(timer.timerId);
  }
}

function checkEventIds(events: readonly Event[], firstId: number, where: string): void {
  events.forEach((event, index) => {
    const expected = firstId + index;
    if (event?.EventId !== expected) {
      throw invalidArgument(
        `${where}: event #${index + 1} has EventId ${String(event?.EventId)}, expected ${expected}; ` +
          `EventIds follow the execution's lastEventId without gaps`,
      );
    }
  });
}

/** Validates a new execution. */
export function checkNewExecution(input: NewExecution, method: string = "createExecution"): void {
  const execution = input?.execution;
  const id = execution?.executionId;
  if (typeof id !== "string" || id === "")
    throw invalidArgument(`${method}: executionId must be a non-empty string`);
  const where = `${method}("${id}")`;
  if (typeof execution.functionName !== "string" || typeof execution.name !== "string") {
    throw invalidArgument(`${where}: functionName and name must be strings`);
  }
  if (typeof execution.startedAt !== "number" || !Number.isFinite(execution.startedAt)) {
    throw invalidArgument(`${where}: startedAt must be a finite number of epoch milliseconds`);
  }
  for (const field of ["generation", "checkpointSeq", "lastEventId"] as const) {
    if (!isNonNegativeInteger(execution[field]))
      throw invalidArgument(`${where}: ${field} must be an integer >= 0`);
  }
  checkOperations(id, input.operations ?? [], where);
  const events = input.events ?? [];
  checkEventIds(events, 1, where);
  if (execution.lastEventId !== events.length) {
    throw invalidArgument(
      `${where}: lastEventId is ${execution.lastEventId} but ${events.length} event(s) are written; they must match`,
    );
  }
  checkTimers(id, input.timers ?? [], where);
}

/** Validates the parts of a commit that do not depend on stored state. */
export function checkCommitShape(change: ExecutionCommit): void {
  const id = change?.executionId;
  if (typeof id !== "string" || id === "")
    throw invalidArgument("commit: executionId must be a non-empty string");
  const where = `commit("${id}")`;
  if (!isNonNegativeInteger(change.expectedVersion)) {
    throw invalidArgument(
      `${where}: expectedVersion must be an integer >= 0, got ${String(change.expectedVersion)}`,
    );
  }
  const patch = change.execution;
  if (patch !== undefined) {
    for (const field of ["generation", "checkpointSeq", "lastEventId"] as const) {
      const value = patch[field];
      if (value !== undefined && !isNonNegativeInteger(value)) {
        throw invalidArgument(`${where}: ${field} must be an integer >= 0, got ${String(value)}`);
      }
    }
    if (patch.status !== undefined && typeof patch.status !== "string") {
      throw invalidArgument(`${where}: status must be an execution status string`);
    }
  }
  checkOperations(id, change.operations ?? [], where);
  checkTimers(id, change.setTimers ?? [], where);
  for (const key of change.deleteTimers ?? []) {
    if (key.executionId !== id) {
      throw invalidArgument(
        `${where}: cannot delete timer "${key.timerId}" of another execution "${key.executionId}"`,
      );
    }
  }
}

/** Checks a commit's events against the stored row and returns the execution's new `lastEventId`. */
export function checkCommitEvents(change: ExecutionCommit, current: ExecutionRecord): number {
  const where = `commit("${change.executionId}")`;
  const events = change.events ?? [];
  checkEventIds(events, current.lastEventId + 1, where);
  const highest = current.lastEventId + events.length;
  const requested = change.execution?.lastEventId;
  if (requested !== undefined && requested !== highest) {
    throw invalidArgument(
      `${where}: lastEventId ${requested} does not match the highest EventId after this commit (${highest})`,
    );
  }
  return highest;
}

/** Validates an imported execution: a well-formed row whose records all belong to it and fit together. */
export function checkExecutionImport(input: ExecutionImport): void {
  const execution = input?.execution;
  if (typeof execution?.executionId !== "string" || execution.executionId === "")
    throw invalidArgument("importExecution: executionId must be a non-empty string");
  const { version, ...rest } = execution;
  const id = execution.executionId;
  checkNewExecution(
    { execution: rest, operations: input.operations, events: input.events, timers: input.timers },
    "importExecution",
  );
  const where = `importExecution("${id}")`;
  if (!isNonNegativeInteger(version) || version < 1)
    throw invalidArgument(`${where}: version must be an integer >= 1, got ${String(version)}`);
  for (const record of input.operations ?? []) {
    if (!isNonNegativeInteger(record.updatedVersion) || record.updatedVersion > version) {
      throw invalidArgument(
        `${where}: operation "${record.operation.Id}" has updatedVersion ${String(record.updatedVersion)}; ` +
          `it must be an integer from 0 to the execution's version ${version}`,
      );
    }
  }
}
