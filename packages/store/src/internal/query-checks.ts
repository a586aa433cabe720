/**
 * Validation of read and claim arguments, shared by the adapters so that they reject the same
 * input with the same `INVALID_ARGUMENT` messages.
 */
import type { ExecutionStatus } from "@durably/sdk/protocol";
import type {
  ClaimRequest,
  EventQuery,
  ExecutionQuery,
  LeaseRenewal,
  ReadyQuery,
  TimerClaim,
} from "../port/store.ts";
import { decodeExecutionCursor, type ExecutionCursor } from "./execution-cursor.ts";
import { invalidArgument } from "./store-errors.ts";

/** Page size of `listExecutions` when the query has none. */
const defaultPageSize = 100;
/** Largest page `listExecutions` returns. */
const maxPageSize = 1000;

/** An {@link ExecutionQuery} after validation, with defaults applied and the cursor decoded. */
export interface CheckedExecutionQuery {
  functionName: string | undefined;
  /** undefined when the query does not filter by status (absent or empty list). */
  statuses: ReadonlySet<ExecutionStatus> | undefined;
  namePrefix: string | undefined;
  startedAfter: number | undefined;
  startedBefore: number | undefined;
  reverse: boolean;
  limit: number;
  after: ExecutionCursor | undefined;
}

function checkInteger(
  what: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
    throw invalidArgument(`${what} must be ${range}, got ${String(value)}`);
  }
  return value;
}

function checkInstant(what: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidArgument(
      `${what} must be a finite number of epoch milliseconds, got ${String(value)}`,
    );
  }
  return value;
}

function checkOptionalString(what: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    throw invalidArgument(`${what} must be a string, got ${typeof value}`);
  return value;
}

/** Validates a `listExecutions` query. */
export function checkExecutionQuery(query: ExecutionQuery | undefined): CheckedExecutionQuery {
  const q = query ?? {};
  const reverse = q.reverse === true;
  const limit =
    q.limit === undefined ? defaultPageSize : checkInteger("limit", q.limit, 1, maxPageSize);
  let statuses: Set<ExecutionStatus> | undefined;
  if (q.statuses !== undefined) {
    if (!Array.isArray(q.statuses))
      throw invalidArgument("statuses must be an array of execution statuses");
    statuses = q.statuses.length === 0 ? undefined : new Set(q.statuses);
  }
  const after = q.cursor === undefined ? undefined : decodeExecutionCursor(q.cursor);
  if (after !== undefined && after.reverse !== reverse) {
    throw invalidArgument(
      `The cursor was issued for a ${after.reverse ? "reverse" : "newest-first"} listing; keep \`reverse\` ` +
        `the same on every page`,
    );
  }
  return {
    functionName: checkOptionalString("functionName", q.functionName),
    statuses,
    namePrefix: checkOptionalString("namePrefix", q.namePrefix),
    startedAfter:
      q.startedAfter === undefined ? undefined : checkInstant("startedAfter", q.startedAfter),
    startedBefore:
      q.startedBefore === undefined ? undefined : checkInstant("startedBefore", q.startedBefore),
    reverse,
    limit,
    after,
  };
}

/** Validates a `listEvents` query. */
export function checkEventQuery(query: EventQuery | undefined): {
  afterEventId: number;
  limit: number | undefined;
} {
  const afterEventId =
    query?.afterEventId === undefined ? 0 : checkInteger("afterEventId", query.afterEventId, 0);
  const limit = query?.limit === undefined ? undefined : checkInteger("limit", query.limit, 1);
  return { afterEventId, limit };
}

/** Validates the arguments of `listDueTimers`. */
export function checkDueTimersArguments(now: number, limit: number): void {
  checkInstant("now", now);
  checkInteger("limit", limit, 1);
}

function checkWorkerId(workerId: unknown): void {
  if (typeof workerId !== "string" || workerId === "") {
    throw invalidArgument("workerId must be a non-empty string naming the claiming worker");
  }
}

function checkLeaseMs(leaseMs: unknown): void {
  if (typeof leaseMs !== "number" || !Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw invalidArgument(
      `leaseMs must be a positive number of milliseconds, got ${String(leaseMs)}`,
    );
  }
}

/** Validates a function-name filter: undefined (no filter) or an array of strings. */
export function checkFunctionNames(names: unknown): readonly string[] | undefined {
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.some((name) => typeof name !== "string")) {
    throw invalidArgument("functionNames must be an array of function names (strings)");
  }
  return names as readonly string[];
}

/** Validates a `claimReady` request; returns its function-name filter. */
export function checkClaimRequest(request: ClaimRequest): readonly string[] | undefined {
  checkWorkerId(request.workerId);
  checkInstant("now", request.now);
  checkLeaseMs(request.leaseMs);
  checkInteger("limit", request.limit, 1);
  return checkFunctionNames(request.functionNames);
}

/** Validates a `nextReadyAt` query; returns its function-name filter. */
export function checkReadyQuery(query: ReadyQuery | undefined): readonly string[] | undefined {
  return checkFunctionNames(query?.functionNames);
}

/** Validates a `renewLease` request. */
export function checkLeaseRenewal(renewal: LeaseRenewal): void {
  if (typeof renewal.executionId !== "string" || renewal.executionId === "") {
    throw invalidArgument("renewLease: executionId must be a non-empty string");
  }
  checkWorkerId(renewal.workerId);
  checkInteger("generation", renewal.generation, 0);
  checkInstant("leaseExpiresAt", renewal.leaseExpiresAt);
}

/** Validates a `claimDueTimers` request. */
export function checkTimerClaim(claim: TimerClaim): void {
  checkInstant("now", claim.now);
  checkLeaseMs(claim.leaseMs);
  checkInteger("limit", claim.limit, 1);
}

/** True when `name` passes the `namePrefix` filter. */
export function matchesNamePrefix(name: string, prefix: string | undefined): boolean {
  return prefix === undefined || name.startsWith(prefix);
}
