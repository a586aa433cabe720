/**
 * Translation of driver errors into StoreError codes, with messages naming the database file.
 */
import { DurablyError, StoreError } from "../errors/store-error.ts";

function driverCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** True for a uniqueness or other constraint violation (bad input, not a broken database). */
export function isConstraintError(error: unknown): boolean {
  return driverCode(error).startsWith("SQLITE_CONSTRAINT");
}

/**
 * A StoreError for a failure while `action` ran on the database at `path`. Durably's own errors
 * pass through unchanged.
 */
export function toStoreError(error: unknown, path: string, action: string): DurablyError {
  if (DurablyError.is(error)) return error;
  const code = driverCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new StoreError(
      "UNAVAILABLE",
      `SQLite database "${path}" is locked by another connection; ${action} gave up after the busy ` +
        `timeout (${detail}). Retry later, or stop the process that holds the lock.`,
      options,
    );
  }
  if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) {
    return new StoreError(
      "CORRUPT",
      `"${path}" is not a readable SQLite database (${detail}) while ${action}; point Durably at its ` +
        `own database file, or restore this one from a backup.`,
      options,
    );
  }
  if (error instanceof SyntaxError) {
    return new StoreError(
      "CORRUPT",
      `A record stored in "${path}" is not valid JSON (${detail}) while ${action}; the file was ` +
        `changed outside Durably. Restore it from a backup.`,
      options,
    );
  }
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    return new StoreError(
      "INVALID_ARGUMENT",
      `${action} on "${path}" breaks a constraint (${detail}); nothing was written.`,
      options,
    );
  }
  if (code === "" || /^SQLITE_(CANTOPEN|PERM|READONLY|IOERR|FULL|AUTH|NOMEM|PROTOCOL)/.test(code)) {
    return new StoreError(
      "UNAVAILABLE",
      `Cannot use SQLite database "${path}" while ${action}: ${detail}. Check that the file and its ` +
        `directory exist, are writable and that the disk has space.`,
      options,
    );
  }
  return new StoreError(
    "INTERNAL",
    `SQLite failed on "${path}" while ${action}: ${detail}`,
    options,
  );
}
