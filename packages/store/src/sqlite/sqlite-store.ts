/**
 * The embedded store: one SQLite file in WAL mode, durable commits (`synchronous=FULL` by default),
 * every write in a transaction that checks the execution's version inside it, and concurrent
 * writes grouped into shared transactions (see group-commit.ts).
 */
import type { Event } from "@durably/sdk/protocol";
import { encodeExecutionCursor } from "../internal/execution-cursor.ts";
import { patchExecution } from "../internal/patch-execution.ts";
import {
  checkClaimRequest,
  checkDueTimersArguments,
  checkEventQuery,
  checkExecutionQuery,
  checkLeaseRenewal,
  checkReadyQuery,
  checkTimerClaim,
} from "../internal/query-checks.ts";
import { decodeEvent } from "../internal/record-json.ts";
import {
  closedError,
  executionIdTaken,
  executionNotFound,
  versionConflict,
} from "../internal/store-errors.ts";
import {
  checkCommitEvents,
  checkCommitShape,
  checkExecutionImport,
  checkNewExecution,
} from "../internal/write-checks.ts";
import type {
  ExecutionId,
  ExecutionRecord,
  OperationRecord,
  TimerRecord,
} from "../port/records.ts";
import type {
  ClaimRequest,
  CreateExecutionResult,
  EventQuery,
  ExecutionCommit,
  ExecutionImport,
  ExecutionQuery,
  LeaseRenewal,
  NewExecution,
  Page,
  ReadyQuery,
  Store,
  TimerClaim,
} from "../port/store.ts";
import { GroupCommit } from "./group-commit.ts";
import { buildListExecutions } from "./list-executions-sql.ts";
import { importExecutionRows } from "./sqlite-import.ts";
import {
  openSqliteDatabase,
  readSqliteInfo,
  type SqliteDatabaseInfo,
  type SqliteSynchronous,
} from "./open-sqlite-database.ts";
import { openBetterSqlite3, type SqliteDatabase, type SqliteOpener } from "./sqlite-driver.ts";
import { toStoreError } from "./sqlite-errors.ts";
import {
  executionValues,
  rowToExecution,
  rowToOperation,
  rowToTimer,
  valuesToExecution,
  type ExecutionRow,
  type OperationRow,
  type TimerRow,
} from "./sqlite-rows.ts";
import { sql } from "./sqlite-sql.ts";
import {
  withConstraintMessages,
  writeEvents,
  writeOperations,
  writeTimers,
} from "./sqlite-writes.ts";
import { StatementCache } from "./statement-cache.ts";

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file; created with its schema when missing. */
  path: string;
  /** `PRAGMA synchronous` (default "FULL"). "NORMAL" may lose the last commits on power loss. */
  synchronous?: SqliteSynchronous;
  /** How long to wait for another connection's lock before failing with UNAVAILABLE (default 5000). */
  busyTimeoutMs?: number;
  /** Group concurrent writes into shared transactions (default true). */
  groupCommit?: boolean;
  /** Opens the connection (default better-sqlite3); lets another SQLite binding be used. */
  open?: SqliteOpener;
}

/** A {@link Store} on one SQLite file. */
export class SqliteStore implements Store {
  readonly #path: string;
  #db: SqliteDatabase | undefined;
  readonly #statements: StatementCache;
  readonly #writes: GroupCommit;

  constructor(options: SqliteStoreOptions) {
    const path = options.path;
    const db = openSqliteDatabase({
      path,
      synchronous: options.synchronous ?? "FULL",
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      open: options.open ?? openBetterSqlite3,
    });
    this.#path = path;
    this.#db = db;
    this.#statements = new StatementCache(db);
    const translate = (error: unknown): unknown => toStoreError(error, path, "writing");
    this.#writes = new GroupCommit(db, translate, options.groupCommit ?? true);
  }

  /** The settings in effect (journal mode, synchronous, busy timeout, schema version). */
  info(): SqliteDatabaseInfo {
    return readSqliteInfo(this.#open("info"), this.#path);
  }

  async createExecution(input: NewExecution): Promise<CreateExecutionResult> {
    this.#open("createExecution");
    checkNewExecution(input);
    return this.#writes.submit(() => {
      const { execution } = input;
      const s = this.#statements;
      const existing = s.get<ExecutionRow>(
        sql.executionByName,
        execution.functionName,
        execution.name,
      );
      if (existing !== undefined) return { execution: rowToExecution(existing), created: false };
      if (s.get(sql.executionExists, execution.executionId) !== undefined) {
        throw executionIdTaken(execution.executionId);
      }
      const values = executionValues({ ...execution, version: 1 });
      const where = `createExecution("${execution.executionId}")`;
      withConstraintMessages(where, () => {
        s.run(sql.insertExecution, ...values);
        writeOperations(s, execution.executionId, input.operations ?? [], 1, where);
        writeEvents(s, execution.executionId, input.events ?? []);
        writeTimers(s, [], input.timers ?? []);
      });
      return { execution: valuesToExecution(values), created: true };
    });
  }

  async getExecution(executionId: ExecutionId): Promise<ExecutionRecord | undefined> {
    return this.#read("getExecution", (s) => {
      const row = s.get<ExecutionRow>(sql.executionById, executionId);
      return row === undefined ? undefined : rowToExecution(row);
    });
  }

  async findExecutionByName(
    functionName: string,
    name: string,
  ): Promise<ExecutionRecord | undefined> {
    return this.#read("findExecutionByName", (s) => {
      const row = s.get<ExecutionRow>(sql.executionByName, functionName, name);
      return row === undefined ? undefined : rowToExecution(row);
    });
  }

  async listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionRecord>> {
    return this.#read("listExecutions", (s) => {
      const q = checkExecutionQuery(query);
      const list = buildListExecutions(q);
      const rows = s.all<ExecutionRow>(list.sql, ...list.params);
      const items = rows.slice(0, q.limit).map(rowToExecution);
      const last = items[items.length - 1];
      if (rows.length <= q.limit || last === undefined) return { items };
      const cursor = {
        startedAt: last.startedAt,
        executionId: last.executionId,
        reverse: q.reverse,
      };
      return { items, nextCursor: encodeExecutionCursor(cursor) };
    });
  }

  async listOperations(
    executionId: ExecutionId,
    options?: { changedAfterVersion?: number },
  ): Promise<OperationRecord[]> {
    return this.#read("listOperations", (s) => {
      const after = options?.changedAfterVersion;
      const rows =
        after === undefined
          ? s.all<OperationRow>(sql.operations, executionId)
          : s.all<OperationRow>(sql.operationsChangedAfter, executionId, after);
      return rows.map(rowToOperation);
    });
  }

  async getOperation(
    executionId: ExecutionId,
    operationId: string,
  ): Promise<OperationRecord | undefined> {
    return this.#read("getOperation", (s) => {
      const row = s.get<OperationRow>(sql.operationById, executionId, operationId);
      return row === undefined ? undefined : rowToOperation(row);
    });
  }

  async findOperationByCallbackId(callbackId: string): Promise<OperationRecord | undefined> {
    return this.#read("findOperationByCallbackId", (s) => {
      const row = s.get<OperationRow>(sql.operationByCallbackId, callbackId);
      return row === undefined ? undefined : rowToOperation(row);
    });
  }

  async listEvents(executionId: ExecutionId, query?: EventQuery): Promise<Event[]> {
    return this.#read("listEvents", (s) => {
      const { afterEventId, limit } = checkEventQuery(query);
      const rows = s.all<{ body: string }>(sql.events, executionId, afterEventId, limit ?? -1);
      return rows.map((row) => decodeEvent(row.body));
    });
  }

  async commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    this.#open("commit");
    checkCommitShape(change);
    return this.#writes.submit(() => {
      const { executionId } = change;
      const s = this.#statements;
      const row = s.get<ExecutionRow>(sql.executionById, executionId);
      if (row === undefined) throw executionNotFound(executionId);
      // Checked inside the write transaction, so no other writer can change the row meanwhile.
      if (row.version !== change.expectedVersion) {
        throw versionConflict(executionId, change.expectedVersion, row.version);
      }
      const current = rowToExecution(row);
      const lastEventId = checkCommitEvents(change, current);
      const version = current.version + 1;
      const values = executionValues(
        patchExecution(current, change.execution, version, lastEventId),
      );
      const where = `commit("${executionId}")`;
      withConstraintMessages(where, () => {
        s.run(sql.updateExecution, ...values.slice(1), executionId);
        writeOperations(s, executionId, change.operations ?? [], version, where);
        writeEvents(s, executionId, change.events ?? []);
        writeTimers(s, change.deleteTimers ?? [], change.setTimers ?? []);
      });
      return valuesToExecution(values);
    });
  }

  async listDueTimers(now: number, limit: number): Promise<TimerRecord[]> {
    return this.#read("listDueTimers", (s) => {
      checkDueTimersArguments(now, limit);
      return s.all<TimerRow>(sql.dueTimers, now, limit).map(rowToTimer);
    });
  }

  async nextTimerDueAt(): Promise<number | undefined> {
    return this.#read(
      "nextTimerDueAt",
      (s) => s.get<{ at: number | null }>(sql.nextTimerDueAt)?.at ?? undefined,
    );
  }

  async listTimers(executionId: ExecutionId): Promise<TimerRecord[]> {
    return this.#read("listTimers", (s) =>
      s.all<TimerRow>(sql.timersOfExecution, executionId).map(rowToTimer),
    );
  }

  async claimReady(request: ClaimRequest): Promise<ExecutionRecord[]> {
    this.#open("claimReady");
    const functionNames = checkClaimRequest(request);
    return this.#writes.submit(() => {
      const { now, limit, workerId } = request;
      const leaseExpiresAt = now + request.leaseMs;
      const s = this.#statements;
      const rows =
        functionNames === undefined
          ? s.all<ExecutionRow>(sql.claimable, now, now, limit)
          : s.all<ExecutionRow>(
              sql.claimableOfFunctions,
              now,
              now,
              JSON.stringify(functionNames),
              limit,
            );
      // Select and update in one write transaction: a claimer on another connection waits for
      // the lock and then no longer sees these rows as claimable.
      return rows.map((row) => {
        s.run(sql.claim, workerId, leaseExpiresAt, row.execution_id);
        return rowToExecution({
          ...row,
          lease_owner: workerId,
          lease_expires_at: leaseExpiresAt,
          ready_at: null,
          generation: row.generation + 1,
          version: row.version + 1,
          checkpoint_seq: 0,
        });
      });
    });
  }

  async nextReadyAt(query?: ReadyQuery): Promise<number | undefined> {
    return this.#read("nextReadyAt", (s) => {
      const functionNames = checkReadyQuery(query);
      const row =
        functionNames === undefined
          ? s.get<{ at: number | null }>(sql.nextReadyAt)
          : s.get<{ at: number }>(sql.nextReadyAtOfFunctions, JSON.stringify(functionNames));
      return row?.at ?? undefined;
    });
  }

  async renewLease(renewal: LeaseRenewal): Promise<boolean> {
    this.#open("renewLease");
    checkLeaseRenewal(renewal);
    const { executionId, workerId, generation, leaseExpiresAt } = renewal;
    return this.#writes.submit(
      () =>
        this.#statements.run(sql.renewLease, leaseExpiresAt, executionId, workerId, generation) > 0,
    );
  }

  async claimDueTimers(claim: TimerClaim): Promise<TimerRecord[]> {
    this.#open("claimDueTimers");
    checkTimerClaim(claim);
    return this.#writes.submit(() => {
      const s = this.#statements;
      const until = claim.now + claim.leaseMs;
      const due = s.all<TimerRow>(sql.dueTimers, claim.now, claim.limit).map(rowToTimer);
      for (const timer of due) s.run(sql.moveTimer, until, timer.executionId, timer.timerId);
      return due;
    });
  }

  async importExecution(input: ExecutionImport): Promise<boolean> {
    this.#open("importExecution");
    checkExecutionImport(input);
    return this.#writes.submit(() => importExecutionRows(this.#statements, input));
  }

  async close(): Promise<void> {
    const db = this.#db;
    if (db === undefined) return;
    // Writes already submitted were promised to their callers: apply them before closing.
    this.#writes.flush();
    this.#db = undefined;
    this.#statements.clear();
    try {
      db.close();
    } catch (error) {
      throw toStoreError(error, this.#path, "closing the database");
    }
  }

  #open(method: string): SqliteDatabase {
    if (this.#db === undefined) throw closedError("SqliteStore", method);
    return this.#db;
  }

  #read<T>(method: string, read: (statements: StatementCache) => T): T {
    this.#open(method);
    try {
      return read(this.#statements);
    } catch (error) {
      throw toStoreError(error, this.#path, method);
    }
  }
}

/** Opens (creating and migrating when needed) the SQLite store at `options.path`. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(options);
}
