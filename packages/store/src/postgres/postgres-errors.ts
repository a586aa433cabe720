/**
 * Translation of driver errors into StoreError codes, with messages that name the server, the
 * database and the user (never the password) and say what to do.
 */
import { DurablyError, StoreError } from "../errors/store-error.ts";
import { describeTarget, redact, type ConnectionTarget } from "./connection-target.ts";

/** The fields of a driver error the translation reads. */
interface DriverError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  constraint?: unknown;
  column?: unknown;
  errors?: unknown;
}

/** The SQLSTATE or Node error code of a driver error ("" when it has none). */
export function driverCode(error: unknown): string {
  const fields = (error ?? {}) as DriverError;
  if (typeof fields.code === "string") return fields.code;
  // Node reports a failed connection to every address of a host name as an AggregateError.
  const first = Array.isArray(fields.errors)
    ? (fields.errors[0] as DriverError | undefined)
    : undefined;
  return typeof first?.code === "string" ? first.code : "";
}

/** The constraint or column a driver error names, if any. */
export function driverField(error: unknown, field: "constraint" | "column" | "detail"): string {
  const value = ((error ?? {}) as DriverError)[field];
  return typeof value === "string" ? value : "";
}

const networkFailures: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ECONNRESET: "connection reset by the server",
  EPIPE: "connection closed by the server",
};

// Messages node-postgres raises without a code when a connection fails or is lost.
const lostConnection =
  /timeout exceeded when trying to connect|Connection terminated|connection error|not queryable|Connection ended/i;

/** What a store error is about: its target, and what it was doing. */
export interface ErrorContext {
  target: ConnectionTarget;
  /** e.g. "commit", "opening the store". */
  action: string;
}

/**
 * A StoreError for a failure of `context.action`. Durably's own errors pass through unchanged.
 * Passwords are blanked out of every message.
 */
export function toStoreError(error: unknown, context: ErrorContext): DurablyError {
  if (DurablyError.is(error)) return error;
  const { target, action } = context;
  const code = driverCode(error);
  const detail = redact(error instanceof Error ? error.message : String(error), target);
  const fail = (storeCode: DurablyError["code"], message: string): StoreError =>
    new StoreError(storeCode, redact(message, target), { cause: error });
  const where = describeTarget(target);

  const network = networkFailures[code];
  if (network !== undefined) {
    return fail(
      "UNAVAILABLE",
      `could not connect to PostgreSQL at ${target.address}: ${network} (${action}). Check that the ` +
        `server runs and accepts connections there, or fix the host and port of the connection string.`,
    );
  }
  if (error instanceof SyntaxError) {
    return fail(
      "CORRUPT",
      `A record stored in ${where} is not valid JSON (${detail}) while ${action}; it was changed ` +
        `outside Durably. Restore it from a backup.`,
    );
  }
  if (code === "28P01") {
    return fail(
      "UNAVAILABLE",
      `PostgreSQL at ${target.address} rejected the password of user "${target.user}" for database ` +
        `"${target.database}" (${action}). Fix the credentials in the connection string.`,
    );
  }
  if (code === "28000") {
    return fail(
      "UNAVAILABLE",
      `PostgreSQL at ${target.address} refused user "${target.user}" for database ` +
        `"${target.database}": ${detail} (${action}). Create the role, or use a user pg_hba.conf allows.`,
    );
  }
  if (code === "3D000") {
    return fail(
      "UNAVAILABLE",
      `database "${target.database}" does not exist on PostgreSQL at ${target.address} (user ` +
        `"${target.user}", ${action}). Create it (createdb ${target.database}) or fix the database name.`,
    );
  }
  if (code === "42501") {
    return fail(
      "UNAVAILABLE",
      `user "${target.user}" lacks a privilege on ${where} (${detail}) while ${action}; grant it, ` +
        `or use the user that owns Durably's schema.`,
    );
  }
  if (code === "53300" || code === "53400") {
    return fail(
      "UNAVAILABLE",
      `PostgreSQL at ${target.address} has no connection slot left (${detail}) while ${action}; ` +
        `lower poolSize across your processes, raise max_connections, or retry later.`,
    );
  }
  if (code === "25006") {
    return fail(
      "UNAVAILABLE",
      `PostgreSQL at ${target.address} is read-only (a standby?) while ${action}; point Durably at the primary.`,
    );
  }
  if (/^(08|57P|53|40|55P03|57014)/.test(code) || (code === "" && lostConnection.test(detail))) {
    return fail(
      "UNAVAILABLE",
      `PostgreSQL at ${target.address} could not complete ${action}: ${detail}. The server is ` +
        `shutting down, restarting, overloaded or unreachable; retry later.`,
    );
  }
  if (code.startsWith("23") || code.startsWith("22")) {
    return fail(
      "INVALID_ARGUMENT",
      `${action} was refused by PostgreSQL (${detail}); nothing was written. Fix the value it names.`,
    );
  }
  if (/^(42P01|3F000|42703|XX00)/.test(code)) {
    return fail(
      "CORRUPT",
      `Durably's tables in ${where} are missing or damaged (${detail}) while ${action}; they were ` +
        `changed outside Durably. Restore them from a backup, or point Durably at another schema.`,
    );
  }
  return fail("INTERNAL", `PostgreSQL failed while ${action} on ${where}: ${detail}`);
}
