/**
 * The in-memory store: what the testing library and unit tests run on. Every method is O(1) or
 * O(log n) in the number of executions plus the size of its answer, and records are copied in
 * and out so callers can never change stored state through an object they hold.
 */
import type { Event } from "@durably/sdk/protocol";
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
import {
  closedError,
  executionNameTaken,
  executionIdTaken,
  executionNotFound,
  invalidArgument,
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
import { cloneData, cloneExecution, cloneOperationRecord } from "./clone-records.ts";
import { OperationJournal } from "./operation-journal.ts";
import { isClaimable, ReadyIndex } from "./ready-index.ts";
import { TimerIndex } from "./timer-index.ts";
import { CallbackIndex } from "./callback-index.ts";
import { scanExecutions } from "./scan-executions.ts";
import { SortedKeys, type SortKey } from "./sorted-keys.ts";

/** Everything stored for one execution. */
interface ExecutionState {
  record: ExecutionRecord;
  readonly journal: OperationJournal;
  /** Ascending EventId. */
  readonly events: Event[];
}

function startKey(record: ExecutionRecord): SortKey {
  return { at: record.startedAt, id: record.executionId, sub: "" };
}

/** A {@link Store} that keeps everything in this process's memory. */
export class MemoryStore implements Store {
  #closed = false;
  readonly #executions = new Map<ExecutionId, ExecutionState>();
  /** functionName → name → executionId. */
  readonly #byName = new Map<string, Map<string, ExecutionId>>();
  /** Every execution by (startedAt, executionId). */
  readonly #byStart = new SortedKeys();
  readonly #timers = new TimerIndex();
  readonly #callbacks = new CallbackIndex();
  readonly #ready = new ReadyIndex();

  async createExecution(input: NewExecution): Promise<CreateExecutionResult> {
    this.#assertOpen("createExecution");
    checkNewExecution(input);
    const { execution } = input;
    const existing = this.#byName.get(execution.functionName)?.get(execution.name);
    if (existing !== undefined) {
      return { execution: cloneExecution(this.#state(existing).record), created: false };
    }
    if (this.#executions.has(execution.executionId)) throw executionIdTaken(execution.executionId);
    const operations = (input.operations ?? []).map((op) => ({ ...op, updatedVersion: 1 }));
    const record = { ...execution, version: 1 };
    const state = this.#insert(record, operations, input.events ?? [], input.timers ?? []);
    return { execution: cloneExecution(state.record), created: true };
  }

  async getExecution(executionId: ExecutionId): Promise<ExecutionRecord | undefined> {
    this.#assertOpen("getExecution");
    const state = this.#executions.get(executionId);
    return state === undefined ? undefined : cloneExecution(state.record);
  }

  async findExecutionByName(
    functionName: string,
    name: string,
  ): Promise<ExecutionRecord | undefined> {
    this.#assertOpen("findExecutionByName");
    const id = this.#byName.get(functionName)?.get(name);
    return id === undefined ? undefined : cloneExecution(this.#state(id).record);
  }

  async listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionRecord>> {
    this.#assertOpen("listExecutions");
    return scanExecutions(
      this.#byStart,
      checkExecutionQuery(query),
      (id) => this.#state(id).record,
    );
  }

  async listOperations(
    executionId: ExecutionId,
    options?: { changedAfterVersion?: number },
  ): Promise<OperationRecord[]> {
    this.#assertOpen("listOperations");
    const journal = this.#executions.get(executionId)?.journal;
    if (journal === undefined) return [];
    const after = options?.changedAfterVersion;
    const records = after === undefined ? journal.all() : journal.changedAfter(after);
    return records.map((record) => cloneOperationRecord(record, record.updatedVersion));
  }

  async getOperation(
    executionId: ExecutionId,
    operationId: string,
  ): Promise<OperationRecord | undefined> {
    this.#assertOpen("getOperation");
    const record = this.#executions.get(executionId)?.journal.get(operationId);
    return record === undefined ? undefined : cloneOperationRecord(record, record.updatedVersion);
  }

  async findOperationByCallbackId(callbackId: string): Promise<OperationRecord | undefined> {
    this.#assertOpen("findOperationByCallbackId");
    const owner = this.#callbacks.find(callbackId);
    if (owner === undefined) return undefined;
    const record = this.#state(owner.executionId).journal.get(owner.operationId);
    return record === undefined ? undefined : cloneOperationRecord(record, record.updatedVersion);
  }

  async listEvents(executionId: ExecutionId, query?: EventQuery): Promise<Event[]> {
    this.#assertOpen("listEvents");
    const { afterEventId, limit } = checkEventQuery(query);
    const events = this.#executions.get(executionId)?.events;
    if (events === undefined) return [];
    // EventIds run 1, 2, 3… without gaps (checked on write), so the position is arithmetic.
    const start = Math.min(afterEventId, events.length);
    const end = limit === undefined ? events.length : Math.min(events.length, start + limit);
    const page: Event[] = [];
    for (let i = start; i < end; i++) page.push(cloneData(events[i] as Event));
    return page;
  }

  async commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    this.#assertOpen("commit");
    checkCommitShape(change);
    const state = this.#executions.get(change.executionId);
    if (state === undefined) throw executionNotFound(change.executionId);
    const current = state.record;
    if (current.version !== change.expectedVersion) {
      throw versionConflict(change.executionId, change.expectedVersion, current.version);
    }
    const lastEventId = checkCommitEvents(change, current);
    const operations = change.operations ?? [];
    this.#checkOperationWrites(state, operations);
    // Validation is over: from here on nothing can fail, so the commit is all-or-nothing.
    const version = current.version + 1;
    state.record = cloneExecution(patchExecution(current, change.execution, version, lastEventId));
    this.#writeOperations(state, operations, version);
    for (const event of change.events ?? []) state.events.push(cloneData(event));
    for (const key of change.deleteTimers ?? []) this.#timers.delete(key.executionId, key.timerId);
    for (const timer of change.setTimers ?? []) this.#timers.set(timer);
    this.#ready.update(state.record);
    return cloneExecution(state.record);
  }

  async listDueTimers(now: number, limit: number): Promise<TimerRecord[]> {
    this.#assertOpen("listDueTimers");
    checkDueTimersArguments(now, limit);
    return this.#timers.due(now, limit);
  }

  async nextTimerDueAt(): Promise<number | undefined> {
    this.#assertOpen("nextTimerDueAt");
    return this.#timers.nextDueAt();
  }

  async listTimers(executionId: ExecutionId): Promise<TimerRecord[]> {
    this.#assertOpen("listTimers");
    return this.#timers.list(executionId);
  }

  async claimReady(request: ClaimRequest): Promise<ExecutionRecord[]> {
    this.#assertOpen("claimReady");
    const functionNames = checkClaimRequest(request);
    const { now, limit } = request;
    const picked: ExecutionState[] = [];
    // Collect first: claiming re-files executions in the index being walked.
    for (const id of this.#ready.rankedUpTo(now, functionNames)) {
      const state = this.#state(id);
      if (isClaimable(state.record, now)) picked.push(state);
      if (picked.length === limit) break;
    }
    return picked.map((state) => {
      const current = state.record;
      const claimed: ExecutionRecord = {
        ...current,
        version: current.version + 1,
        generation: current.generation + 1,
        checkpointSeq: 0,
        leaseOwner: request.workerId,
        leaseExpiresAt: now + request.leaseMs,
      };
      delete claimed.readyAt;
      state.record = claimed;
      this.#ready.update(state.record);
      return cloneExecution(state.record);
    });
  }

  async nextReadyAt(query?: ReadyQuery): Promise<number | undefined> {
    this.#assertOpen("nextReadyAt");
    return this.#ready.nextReadyAt(checkReadyQuery(query));
  }

  async renewLease(renewal: LeaseRenewal): Promise<boolean> {
    this.#assertOpen("renewLease");
    checkLeaseRenewal(renewal);
    const state = this.#executions.get(renewal.executionId);
    const current = state?.record;
    if (
      state === undefined ||
      current?.status !== "RUNNING" ||
      current.leaseOwner !== renewal.workerId ||
      current.generation !== renewal.generation
    ) {
      return false;
    }
    state.record = { ...current, leaseExpiresAt: renewal.leaseExpiresAt };
    this.#ready.update(state.record);
    return true;
  }

  async claimDueTimers(claim: TimerClaim): Promise<TimerRecord[]> {
    this.#assertOpen("claimDueTimers");
    checkTimerClaim(claim);
    return this.#timers.claimDue(claim.now, claim.now + claim.leaseMs, claim.limit);
  }

  async importExecution(input: ExecutionImport): Promise<boolean> {
    this.#assertOpen("importExecution");
    checkExecutionImport(input);
    const { execution } = input;
    if (this.#executions.has(execution.executionId)) return false;
    if (this.#byName.get(execution.functionName)?.has(execution.name) === true) {
      throw executionNameTaken(execution);
    }
    this.#insert(execution, input.operations, input.events, input.timers);
    return true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#executions.clear();
    this.#byName.clear();
    this.#callbacks.clear();
  }

  #assertOpen(method: string): void {
    if (this.#closed) throw closedError("MemoryStore", method);
  }

  /** Stores a new execution after checking what depends on stored state; all-or-nothing. */
  #insert(
    record: ExecutionRecord,
    operations: readonly OperationRecord[],
    events: readonly Event[],
    timers: readonly TimerRecord[],
  ): ExecutionState {
    const state: ExecutionState = {
      record: cloneExecution(record),
      journal: new OperationJournal(),
      events: [],
    };
    this.#checkOperationWrites(state, operations);
    // Validation is over: from here on nothing can fail, so the write is all-or-nothing.
    this.#executions.set(record.executionId, state);
    let names = this.#byName.get(record.functionName);
    if (names === undefined) this.#byName.set(record.functionName, (names = new Map()));
    names.set(record.name, record.executionId);
    this.#byStart.insert(startKey(state.record));
    // Oldest version first, as the commits that wrote them did.
    const versions = [...new Set(operations.map((op) => op.updatedVersion))].sort((a, b) => a - b);
    for (const version of versions) {
      const written = operations.filter((op) => op.updatedVersion === version);
      this.#writeOperations(state, written, version);
    }
    for (const event of events) state.events.push(cloneData(event));
    for (const timer of timers) this.#timers.set(timer);
    this.#ready.update(state.record);
    return state;
  }

  #state(executionId: ExecutionId): ExecutionState {
    return this.#executions.get(executionId) as ExecutionState;
  }

  // Rules that depend on what is stored: an operation's seq is fixed and unique, callback ids unique.
  #checkOperationWrites(
    state: ExecutionState,
    operations: readonly Omit<OperationRecord, "updatedVersion">[],
  ): void {
    const executionId = state.record.executionId;
    for (const { seq, operation } of operations) {
      const stored = state.journal.get(operation.Id);
      if (stored !== undefined && stored.seq !== seq) {
        throw invalidArgument(
          `Execution "${executionId}": operation "${operation.Id}" has seq ${stored.seq}, the write ` +
            `gives ${seq}; seq never changes. Nothing was written.`,
        );
      }
      const holder = stored === undefined ? state.journal.idAtSeq(seq) : undefined;
      if (holder !== undefined) {
        throw invalidArgument(
          `Execution "${executionId}": seq ${seq} already belongs to operation "${holder}". Nothing was written.`,
        );
      }
    }
    this.#callbacks.checkWrites(executionId, operations);
  }

  #writeOperations(
    state: ExecutionState,
    operations: readonly Omit<OperationRecord, "updatedVersion">[],
    version: number,
  ): void {
    const previous = state.journal.write(operations, version);
    this.#callbacks.update(state.record.executionId, operations, previous);
  }
}

/** Creates an empty {@link MemoryStore}. */
export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
