/**
 * Group commit: writes issued while the event loop is busy (many executions checkpointing at once)
 * are applied in one `BEGIN IMMEDIATE … COMMIT`, so they share one WAL fsync. Each write runs in
 * its own savepoint: a write that fails (a version CONFLICT, bad input) is rolled back alone and
 * the others still commit. A write's promise settles only after the shared COMMIT, so "resolved"
 * still means "durable". Writes apply in the order they were issued.
 */
// Imported rather than global: fake timers (vi.useFakeTimers) replace the global, and commits
// must keep resolving in tests that fake time.
import { setImmediate } from "node:timers";
import type { SqliteDatabase, SqliteStatement } from "./sqlite-driver.ts";

/** One queued write: a synchronous function run inside the shared transaction. */
interface PendingWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Queues writes and applies them in shared transactions. */
export class GroupCommit {
  readonly #db: SqliteDatabase;
  readonly #translate: (error: unknown) => unknown;
  readonly #batching: boolean;
  readonly #statements: Record<
    "begin" | "commit" | "rollback" | "savepoint" | "release" | "rollbackTo",
    SqliteStatement
  >;
  #pending: PendingWrite[] = [];
  #scheduled = false;

  /**
   * @param translate turns a driver error into the error callers see.
   * @param batching false applies every write in its own transaction at once (no grouping).
   */
  constructor(db: SqliteDatabase, translate: (error: unknown) => unknown, batching: boolean) {
    this.#db = db;
    this.#translate = translate;
    this.#batching = batching;
    this.#statements = {
      begin: db.prepare("BEGIN IMMEDIATE"),
      commit: db.prepare("COMMIT"),
      rollback: db.prepare("ROLLBACK"),
      savepoint: db.prepare("SAVEPOINT durably_write"),
      release: db.prepare("RELEASE durably_write"),
      rollbackTo: db.prepare("ROLLBACK TO durably_write"),
    };
  }

  /** Queues `run` for the next shared transaction; resolves with its result once committed. */
  submit<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#batching) this.flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        // setImmediate rather than a microtask: it gathers every write issued in this turn of
        // the event loop, including those issued from other promise continuations.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Applies every queued write now (also called by close, so nothing queued is lost). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const s = this.#statements;
    try {
      s.begin.run();
    } catch (error) {
      this.#failAll(batch, error);
      return;
    }
    // A lone write needs no savepoint: if it fails, the whole transaction is rolled back.
    const isolated = batch.length > 1;
    const outcomes: Outcome[] = [];
    for (const write of batch) {
      try {
        if (isolated) s.savepoint.run();
        const value = write.run();
        if (isolated) s.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        // After an I/O error or a full disk SQLite may have rolled the whole transaction back:
        // the writes before this one are gone too, so every write of the batch fails.
        if (!this.#db.inTransaction) {
          this.#failAll(batch, error);
          return;
        }
        if (isolated) {
          s.rollbackTo.run();
          s.release.run();
        }
        outcomes.push({ ok: false, error });
      }
    }
    try {
      if (isolated || outcomes[0]?.ok === true) s.commit.run();
      else s.rollback.run();
    } catch (error) {
      this.#rollbackQuietly();
      this.#failAll(batch, error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(this.#translate(outcome.error));
    });
  }

  // The original error is the one worth reporting; a failing ROLLBACK adds nothing to it.
  #rollbackQuietly(): void {
    try {
      if (this.#db.inTransaction) this.#statements.rollback.run();
    } catch {
      // SQLite already ended the transaction, or the connection is gone.
    }
  }

  #failAll(batch: readonly PendingWrite[], error: unknown): void {
    const translated = this.#translate(error);
    for (const write of batch) write.reject(translated);
  }
}
