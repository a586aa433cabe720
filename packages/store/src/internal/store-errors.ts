/**
 * Constructors for the store errors every adapter raises, so messages read the same everywhere.
 */
import { StoreError } from "../errors/store-error.ts";
import type { ExecutionId } from "../port/records.ts";

/** Bad input: nothing was written. */
export function invalidArgument(message: string): StoreError {
  return new StoreError("INVALID_ARGUMENT", message);
}

/** The store was closed before this call. */
export function closedError(storeName: string, method: string): StoreError {
  return new StoreError(
    "CLOSED",
    `${storeName}.${method}() was called after close(); create a new store to keep working`,
  );
}

/** A commit on an execution the store does not hold. */
export function executionNotFound(executionId: ExecutionId): StoreError {
  return new StoreError(
    "NOT_FOUND",
    `Execution "${executionId}" does not exist; nothing was written (create it with createExecution first)`,
  );
}

/** A commit whose expected version is not the stored one. */
export function versionConflict(
  executionId: ExecutionId,
  expected: number,
  actual: number,
): StoreError {
  return new StoreError(
    "CONFLICT",
    `Execution "${executionId}" is at version ${actual}, the commit expected ${expected}; nothing was ` +
      `written (another writer changed it: re-read the execution and retry)`,
  );
}

/** createExecution with an id already used by another (functionName, name). */
export function executionIdTaken(executionId: ExecutionId): StoreError {
  return new StoreError(
    "ALREADY_EXISTS",
    `Execution id "${executionId}" is already used by another execution; nothing was written (generate a new id)`,
  );
}

/** An import of an execution whose (functionName, name) another execution holds. */
export function executionNameTaken(execution: {
  executionId: ExecutionId;
  functionName: string;
  name: string;
}): StoreError {
  return new StoreError(
    "ALREADY_EXISTS",
    `Execution "${execution.name}" of function "${execution.functionName}" already exists with ` +
      `another id than "${execution.executionId}"; nothing was written (two stores hold different ` +
      `executions under one name: rename one of them)`,
  );
}
