/**
 * The shared store: any number of processes on any machines point at one PostgreSQL database.
 * Every write is one statement (see postgres-writes.ts), so a commit costs one round trip and the
 * server's own group commit batches the WAL flushes of concurrent commits; the pool gives the
 * parallelism, which is why this adapter needs no group commit of its own. Claims use
 * `FOR UPDATE SKIP LOCKED`, and LISTEN/NOTIFY wakes idle workers (subscribeReady).
 */
import type { Event } from "@durably/sdk/protocol";
import { StoreError } from "../errors/store-error.ts";
import { encodeExecutionCursor } from "../internal/execution-cursor.ts";
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
import { executionIdTaken, executionNameTaken } from "../internal/store-errors.ts";
import {
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
import { CallTracker } from "./call-tracker.ts";
import { buildListExecutions } from "./list-executions-sql.ts";
import { checkChannel, NotificationListener } from "./notification-listener.ts";
import type { PgQuery } from "./pg-driver.ts";
import { toStoreError } from "./postgres-errors.ts";
import {
  rowToExecution,
  rowToOperation,
  rowToTimer,
  type ExecutionRow,
  type OperationRow,
  type TimerRow,
} from "./postgres-rows.ts";
import {
  openPostgresPool,
  type OpenPool,
  type PostgresStoreOptions,
} from "./open-postgres-pool.ts";
import { postgresSql, type SqlName } from "./postgres-sql.ts";
import { toPgText } from "./postgres-text.ts";
import {
  buildCommit,
  buildCreateExecution,
  buildImportExecution,
  requiredLastEventId,
} from "./postgres-writes.ts";
import { commitRefusal, writeFailure } from "./write-failures.ts";

/** A {@link Store} on a PostgreSQL schema, shared by every process that opens it. */
export class PostgresStore implements Store {
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** The channel NOTIFYed when an execution gets a readyAt (`<schema>_ready`). */
  readonly readyChannel: string;
  readonly #db: OpenPool;
  readonly #sql: Readonly<Record<SqlName, string>>;
  readonly #listener: NotificationListener;
  readonly #calls: CallTracker = new CallTracker("PostgresStore");

  /** Use {@link createPostgresStore}: opening needs I/O (connecting, migrating). */
  constructor(db: OpenPool) {
    this.#db = db;
    this.schema = db.schema;
    this.readyChannel = `${db.schema}_ready`;
    this.#sql = postgresSql(db.tables);
    this.#listener = new NotificationListener(
      db.pool,
      (error) => db.reportBackgroundError(error, "listening for notifications"),
      (error, action) => toStoreError(error, { target: db.target, action }),
    );
  }

  createExecution(input: NewExecution): Promise<CreateExecutionResult> {
    return this.#calls.track("createExecution", async () => {
      checkNewExecution(input);
      const { executionId, functionName, name } = input.execution;
      const where = `createExecution("${executionId}")`;
      const query = buildCreateExecution(this.#db.tables, input, this.#channel);
      // A row that blocked the insert but is gone when looked up was deleted meanwhile: try again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const created = await this.#write(where, query);
        if (created !== undefined) return { execution: created, created: true };
        const existing = await this.#execution("createExecution", "executionByName", [
          toPgText(functionName),
          toPgText(name),
        ]);
        if (existing !== undefined) return { execution: existing, created: false };
        const id = [toPgText(executionId)];
        if ((await this.#rows(where, this.#sql.executionExists, id)).length > 0) {
          throw executionIdTaken(executionId);
        }
      }
      throw new StoreError(
        "CONFLICT",
        `${where}: an execution with this id or name kept appearing and disappearing; nothing was written, retry`,
      );
    });
  }

  getExecution(executionId: ExecutionId): Promise<ExecutionRecord | undefined> {
    return this.#calls.track("getExecution", () =>
      this.#execution("getExecution", "executionById", [toPgText(executionId)]),
    );
  }

  findExecutionByName(functionName: string, name: string): Promise<ExecutionRecord | undefined> {
    return this.#calls.track("findExecutionByName", () =>
      this.#execution("findExecutionByName", "executionByName", [
        toPgText(functionName),
        toPgText(name),
      ]),
    );
  }

  listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionRecord>> {
    return this.#calls.track("listExecutions", async () => {
      const q = checkExecutionQuery(query);
      const list = buildListExecutions(this.#db.tables, q);
      const rows = await this.#rows<ExecutionRow>("listExecutions", list.text, list.values ?? []);
      const items = this.#map("listExecutions", rows.slice(0, q.limit), rowToExecution);
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

  listOperations(
    executionId: ExecutionId,
    options?: { changedAfterVersion?: number },
  ): Promise<OperationRecord[]> {
    return this.#calls.track("listOperations", async () => {
      const after = options?.changedAfterVersion;
      const id = toPgText(executionId);
      const rows =
        after === undefined
          ? await this.#rows<OperationRow>("listOperations", this.#sql.operations, [id])
          : await this.#rows<OperationRow>("listOperations", this.#sql.operationsChangedAfter, [
              id,
              after,
            ]);
      return this.#map("listOperations", rows, rowToOperation);
    });
  }

  getOperation(
    executionId: ExecutionId,
    operationId: string,
  ): Promise<OperationRecord | undefined> {
    return this.#calls.track("getOperation", async () => {
      const values = [toPgText(executionId), toPgText(operationId)];
      const rows = await this.#rows<OperationRow>("getOperation", this.#sql.operationById, values);
      return this.#map("getOperation", rows, rowToOperation)[0];
    });
  }

  findOperationByCallbackId(callbackId: string): Promise<OperationRecord | undefined> {
    const method = "findOperationByCallbackId";
    return this.#calls.track(method, async () => {
      const values = [toPgText(callbackId)];
      const rows = await this.#rows<OperationRow>(method, this.#sql.operationByCallbackId, values);
      return this.#map(method, rows, rowToOperation)[0];
    });
  }

  listEvents(executionId: ExecutionId, query?: EventQuery): Promise<Event[]> {
    return this.#calls.track("listEvents", async () => {
      const { afterEventId, limit } = checkEventQuery(query);
      const values = [toPgText(executionId), afterEventId, limit ?? null];
      const rows = await this.#rows<{ body: string }>("listEvents", this.#sql.events, values);
      return this.#map("listEvents", rows, (row) => decodeEvent(row.body));
    });
  }

  commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    return this.#calls.track("commit", async () => {
      checkCommitShape(change);
      const where = `commit("${change.executionId}")`;
      const lastEventId = requiredLastEventId(change);
      if (lastEventId !== undefined) {
        const query = buildCommit(this.#db.tables, change, lastEventId, this.#channel);
        const written = await this.#write(where, query, change.operations);
        if (written !== undefined) return written;
      }
      const id = [toPgText(change.executionId)];
      throw commitRefusal(change, await this.#execution(where, "executionById", id));
    });
  }

  listDueTimers(now: number, limit: number): Promise<TimerRecord[]> {
    return this.#calls.track("listDueTimers", async () => {
      checkDueTimersArguments(now, limit);
      const rows = await this.#rows<TimerRow>("listDueTimers", this.#sql.dueTimers, [now, limit]);
      return this.#map("listDueTimers", rows, rowToTimer);
    });
  }

  nextTimerDueAt(): Promise<number | undefined> {
    return this.#calls.track("nextTimerDueAt", () => this.#instant("nextTimerDueAt"));
  }

  listTimers(executionId: ExecutionId): Promise<TimerRecord[]> {
    return this.#calls.track("listTimers", async () => {
      const values = [toPgText(executionId)];
      const rows = await this.#rows<TimerRow>("listTimers", this.#sql.timersOfExecution, values);
      return this.#map("listTimers", rows, rowToTimer);
    });
  }

  claimReady(request: ClaimRequest): Promise<ExecutionRecord[]> {
    return this.#calls.track("claimReady", async () => {
      const functionNames = checkClaimRequest(request);
      const { now, limit, workerId, leaseMs } = request;
      const values = [now, limit, toPgText(workerId), now + leaseMs];
      const rows =
        functionNames === undefined
          ? await this.#rows<ExecutionRow>("claimReady", this.#sql.claim, values)
          : await this.#rows<ExecutionRow>("claimReady", this.#sql.claimOfFunctions, [
              ...values,
              functionNames.map(toPgText),
            ]);
      return this.#map("claimReady", rows, rowToExecution);
    });
  }

  nextReadyAt(query?: ReadyQuery): Promise<number | undefined> {
    return this.#calls.track("nextReadyAt", async () => {
      const functionNames = checkReadyQuery(query);
      if (functionNames === undefined) return this.#instant("nextReadyAt");
      const text = this.#sql.nextReadyAtOfFunctions;
      const rows = await this.#rows<{ at: number | null }>("nextReadyAt", text, [
        functionNames.map(toPgText),
      ]);
      return rows[0]?.at ?? undefined;
    });
  }

  renewLease(renewal: LeaseRenewal): Promise<boolean> {
    return this.#calls.track("renewLease", async () => {
      checkLeaseRenewal(renewal);
      const { executionId, workerId, generation, leaseExpiresAt } = renewal;
      const values = [leaseExpiresAt, toPgText(executionId), toPgText(workerId), generation];
      return (await this.#rows("renewLease", this.#sql.renewLease, values)).length > 0;
    });
  }

  claimDueTimers(claim: TimerClaim): Promise<TimerRecord[]> {
    return this.#calls.track("claimDueTimers", async () => {
      checkTimerClaim(claim);
      const values = [claim.now, claim.limit, claim.now + claim.leaseMs];
      const rows = await this.#rows<TimerRow>("claimDueTimers", this.#sql.claimDueTimers, values);
      return this.#map("claimDueTimers", rows, rowToTimer);
    });
  }

  importExecution(input: ExecutionImport): Promise<boolean> {
    return this.#calls.track("importExecution", async () => {
      checkExecutionImport(input);
      const { executionId, functionName, name } = input.execution;
      const where = `importExecution("${executionId}")`;
      const query = buildImportExecution(this.#db.tables, input, this.#channel);
      if ((await this.#write(where, query, input.operations)) !== undefined) return true;
      const id = [toPgText(executionId)];
      if ((await this.#rows(where, this.#sql.executionExists, id)).length > 0) return false;
      const byName = [toPgText(functionName), toPgText(name)];
      if ((await this.#rows(where, this.#sql.executionByName, byName)).length > 0) {
        throw executionNameTaken(input.execution);
      }
      throw new StoreError(
        "CONFLICT",
        `${where}: an execution with this id or name was deleted while importing; nothing was written, retry`,
      );
    });
  }

  /**
   * Calls `listener` with the readyAt of every execution that gets one (from any process NOTIFYing
   * {@link readyChannel}), and without an instant each time the LISTEN (re)starts: wake-ups may
   * have been missed then, so check `nextReadyAt`. Holds one pooled connection while subscribed.
   */
  subscribeReady(listener: (readyAt: number | undefined) => void): () => void {
    this.#calls.check("subscribeReady");
    return this.#listener.subscribeInstants(this.readyChannel, listener);
  }

  /** LISTENs on `channel`; resolves once the LISTEN is in effect, with a function that ends it. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.#calls.track("listen", () => this.#listener.listenNow(channel, onNotify));
  }

  /** Sends a NOTIFY on `channel` (delivered to every LISTENing connection, in any process). */
  notify(channel: string, payload = ""): Promise<void> {
    return this.#calls.track("notify", async () => {
      checkChannel(channel);
      await this.#rows("notify", "SELECT pg_notify($1, $2)", [channel, payload]);
    });
  }

  /** Lets the calls already made finish, then ends subscriptions and the pool (if the store made it). */
  async close(): Promise<void> {
    if (!(await this.#calls.close())) return;
    await this.#listener.close();
    await this.#db.close();
  }

  get #channel(): string | undefined {
    return this.#db.notifyReady ? this.readyChannel : undefined;
  }

  async #rows<R>(action: string, text: string, values: unknown[]): Promise<R[]> {
    return (await this.#db.query(action, { text, values })) as R[];
  }

  async #execution(
    action: string,
    sql: SqlName,
    values: unknown[],
  ): Promise<ExecutionRecord | undefined> {
    const rows = await this.#rows<ExecutionRow>(action, this.#sql[sql], values);
    return this.#map(action, rows, rowToExecution)[0];
  }

  async #instant(method: "nextTimerDueAt" | "nextReadyAt"): Promise<number | undefined> {
    const rows = await this.#rows<{ at: number | null }>(method, this.#sql[method], []);
    return rows[0]?.at ?? undefined;
  }

  #map<R, T>(action: string, rows: R[], map: (row: R) => T): T[] {
    try {
      return rows.map(map);
    } catch (error) {
      throw toStoreError(error, { target: this.#db.target, action });
    }
  }

  // Runs a single-statement write; its row, or undefined when a condition left nothing written.
  async #write(
    where: string,
    query: PgQuery,
    operations: readonly Omit<OperationRecord, "updatedVersion">[] = [],
  ): Promise<ExecutionRecord | undefined> {
    let rows: ExecutionRow[];
    try {
      rows = (await this.#db.query(where, query, false)) as ExecutionRow[];
    } catch (error) {
      throw await writeFailure(error, where, operations, this.#db.target, (values) =>
        this.#rows(where, this.#sql.operationSeqs, values),
      );
    }
    return this.#map(where, rows, rowToExecution)[0];
  }
}

/**
 * Opens the store on a PostgreSQL database: connects, creates the schema or applies missing
 * migrations (safely when several processes start at once), and refuses a newer schema.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  return new PostgresStore(await openPostgresPool(options));
}

export type { PostgresStoreOptions };
