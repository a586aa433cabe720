/**
 * The in-memory state of one execution while this engine holds its lease: the execution row,
 * every operation and timer. Checkpoints validate against it and commit with `expectedVersion`;
 * when an external change raced (CONFLICT), only the operations changed since the cached version
 * are reloaded. Operations changed but not yet delivered to the invocation are tracked so each
 * checkpoint response can carry them.
 */
import type {
  ExecutionCommit,
  ExecutionRecord,
  OperationRecord,
  Store,
  TimerRecord,
} from "@durably/store";
import { hasErrorCode, StoreError } from "@durably/store";
import type { Operation } from "@durably/sdk/protocol";
import { encodeCheckpointToken } from "./checkpoint-token.ts";
import type { ChildStart } from "./transition-context.ts";

/** A commit without the fields the session fills in. */
export type SessionCommit = Omit<ExecutionCommit, "executionId" | "expectedVersion">;

// Each conflict means someone else committed; this many in a row means something is wrong.
const maxConflictRetries = 1000;

/** Cached state of a leased execution. */
export class ExecutionSession {
  readonly executionId: string;
  readonly generation: number;
  readonly operations: Map<string, OperationRecord>;
  readonly timers: Map<string, TimerRecord>;
  /** Ids of operations changed since they were last delivered to the invocation. */
  readonly undelivered: Set<string> = new Set();
  record: ExecutionRecord;
  /** The latest checkpoint token issued. */
  token: string;
  /** The invocation is over: its tokens are no longer accepted. */
  isEnded = false;
  /** Another claim took the execution (generation moved on): nothing may be written. */
  isLost = false;
  /** Set when a checkpoint of this invocation closed the execution (EXECUTION update); reported when it ends. */
  isClosedByCheckpoint = false;
  /** The invocation's end is written (or abandoned): waiters may read the execution's final history. */
  isReleased = false;
  /** A write of this invocation failed because the store was unreachable (not the handler's fault). */
  hasStoreFailure = false;
  /** The pruned state the invocation started from (paged by GetDurableExecutionState). */
  initialState: Operation[] = [];
  /** Chained invokes started by this invocation, to launch when it ends. */
  readonly childStarts: ChildStart[] = [];
  /** Chained invokes cancelled by this invocation, to stop when it ends. */
  readonly childStops: string[] = [];
  /** The readyAt the invocation's end set in case its chained invokes are never launched. */
  launchCheckAt: number | undefined;
  #nextSeq: number;
  #tail: Promise<unknown> = Promise.resolve();
  readonly #store: Store;

  private constructor(
    store: Store,
    record: ExecutionRecord,
    operations: OperationRecord[],
    timers: TimerRecord[],
  ) {
    this.#store = store;
    this.executionId = record.executionId;
    this.generation = record.generation;
    this.record = record;
    this.operations = new Map();
    let maxSeq = 0;
    for (const op of operations) {
      this.operations.set(op.operation.Id, op);
      if (op.seq > maxSeq) maxSeq = op.seq;
    }
    this.#nextSeq = maxSeq + 1;
    this.timers = new Map(timers.map((t) => [t.timerId, t]));
    this.token = encodeCheckpointToken({
      executionId: record.executionId,
      generation: record.generation,
      sequence: record.checkpointSeq,
    });
  }

  /** Loads the operations and timers of a freshly claimed execution. */
  static async load(store: Store, claimed: ExecutionRecord): Promise<ExecutionSession> {
    const [operations, timers] = await Promise.all([
      store.listOperations(claimed.executionId),
      store.listTimers(claimed.executionId),
    ]);
    return new ExecutionSession(store, claimed, operations, timers);
  }

  /** The operation with `id`, if recorded. */
  get(id: string): Operation | undefined {
    return this.operations.get(id)?.operation;
  }

  /** Allocates the creation sequence number of a new operation. */
  peekSeq(offset: number): number {
    return this.#nextSeq + offset;
  }

  /** Runs `work` after every earlier exclusive task of this session (checkpoints are applied in order). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Commits what `build` returns against the cached version; on CONFLICT reloads the changed
   * operations and calls `build` again (it re-validates). Returns the committed row, or undefined
   * when `build` returned undefined (nothing to write).
   */
  async commit(build: () => SessionCommit | undefined): Promise<ExecutionRecord | undefined> {
    for (let attempt = 0; ; attempt++) {
      const change = build();
      if (change === undefined) return undefined;
      try {
        const row = await this.#store.commit({
          ...change,
          executionId: this.executionId,
          expectedVersion: this.record.version,
        });
        this.#applied(change, row);
        return row;
      } catch (error) {
        if (hasErrorCode(error, "UNAVAILABLE")) this.hasStoreFailure = true;
        if (!hasErrorCode(error, "CONFLICT")) throw error;
        if (attempt >= maxConflictRetries) {
          throw new StoreError(
            "CONFLICT",
            `Execution ${this.executionId} kept changing; gave up after ${attempt} conflicting commits.`,
            { cause: error },
          );
        }
        await this.reload();
      }
    }
  }

  /** Catches up with changes committed by others since the cached version. */
  async reload(): Promise<void> {
    // Row first, then operations: operations may be newer than the row, never older.
    const row = await this.#store.getExecution(this.executionId);
    if (row === undefined) {
      this.isLost = true;
      return;
    }
    const [changed, timers] = await Promise.all([
      this.#store.listOperations(this.executionId, { changedAfterVersion: this.record.version }),
      this.#store.listTimers(this.executionId),
    ]);
    for (const op of changed) {
      this.operations.set(op.operation.Id, op);
      this.undelivered.add(op.operation.Id);
      if (op.seq >= this.#nextSeq) this.#nextSeq = op.seq + 1;
    }
    this.timers.clear();
    for (const timer of timers) this.timers.set(timer.timerId, timer);
    this.record = row;
    if (row.generation !== this.generation) this.isLost = true;
  }

  /** Removes and returns the operations not yet delivered, as fresh copies. */
  takeUndelivered(): Operation[] {
    const result: Operation[] = [];
    for (const id of this.undelivered) {
      const op = this.operations.get(id);
      if (op !== undefined) result.push(copyOperation(op.operation));
    }
    this.undelivered.clear();
    return result;
  }

  #applied(change: SessionCommit, row: ExecutionRecord): void {
    for (const op of change.operations ?? []) {
      this.operations.set(op.operation.Id, { ...op, updatedVersion: row.version });
      this.undelivered.add(op.operation.Id);
      if (op.seq >= this.#nextSeq) this.#nextSeq = op.seq + 1;
    }
    for (const key of change.deleteTimers ?? []) this.timers.delete(key.timerId);
    for (const timer of change.setTimers ?? []) this.timers.set(timer.timerId, timer);
    this.record = row;
  }
}

/** A copy of an operation the caller may mutate without touching the cache. */
export function copyOperation(op: Operation): Operation {
  const copy: Operation = { ...op };
  if (op.StepDetails !== undefined) copy.StepDetails = { ...op.StepDetails };
  if (op.ContextDetails !== undefined) copy.ContextDetails = { ...op.ContextDetails };
  if (op.WaitDetails !== undefined) copy.WaitDetails = { ...op.WaitDetails };
  if (op.CallbackDetails !== undefined) copy.CallbackDetails = { ...op.CallbackDetails };
  if (op.ChainedInvokeDetails !== undefined)
    copy.ChainedInvokeDetails = { ...op.ChainedInvokeDetails };
  if (op.ExecutionDetails !== undefined) copy.ExecutionDetails = { ...op.ExecutionDetails };
  return copy;
}
