/**
 * The storage port. The engine's logic is written once against it; adapters (memory, SQLite,
 * PostgreSQL) only persist, query and claim. Every write goes through `commit`, which is atomic
 * and conditional on the execution's `version`.
 */
import type {
  ExecutionId,
  ExecutionRecord,
  OperationRecord,
  TimerKey,
  TimerRecord,
  EventRecord,
} from "./records.ts";
import type { Event, ExecutionStatus } from "@durably/sdk/protocol";

/** Fields of an execution a commit may change. `null` clears an optional field. */
export interface ExecutionPatch {
  status?: ExecutionStatus;
  result?: string | null;
  error?: ExecutionRecord["error"] | null;
  endedAt?: number | null;
  generation?: number;
  checkpointSeq?: number;
  lastEventId?: number;
  readyAt?: number | null;
  leaseOwner?: string | null;
  leaseExpiresAt?: number | null;
  attributes?: Record<string, unknown> | null;
}

/**
 * A new execution, created with its EXECUTION operation, first events and timers in one write.
 * It is stored at version 1 and its operations get `updatedVersion` 1 (any value they carry is
 * ignored); its events are numbered 1..n and `execution.lastEventId` is n.
 */
export interface NewExecution {
  execution: Omit<ExecutionRecord, "version">;
  operations: Omit<OperationRecord, "updatedVersion">[];
  events: Event[];
  timers: TimerRecord[];
}

/** Result of {@link Store.createExecution}. */
export interface CreateExecutionResult {
  execution: ExecutionRecord;
  /** false when an execution with the same (functionName, name) already existed; nothing was written. */
  created: boolean;
}

/**
 * One atomic change to one execution. Applied only if the stored version equals `expectedVersion`
 * (else the store throws a `StoreError` with code `CONFLICT` and writes nothing); the new version is
 * `expectedVersion + 1` and every written operation gets `updatedVersion` = the new version.
 * `NOT_FOUND` when the execution does not exist. `INVALID_ARGUMENT` (nothing written) when the
 * commit breaks a rule: an operation's `seq` changes or is held by another operation, a callback
 * id is held by another operation, EventIds do not follow, or a part names another execution.
 */
export interface ExecutionCommit {
  executionId: ExecutionId;
  expectedVersion: number;
  execution?: ExecutionPatch;
  /** Inserted or replaced by (executionId, operation.Id); `seq` and `executionId` as given. */
  operations?: Omit<OperationRecord, "updatedVersion">[];
  /**
   * Appended; their EventIds must follow `lastEventId` without gaps. The new `lastEventId` is the
   * last appended EventId (a patched `lastEventId` must equal it).
   */
  events?: Event[];
  /** Inserted or replaced by (executionId, timerId), after `deleteTimers` are applied. */
  setTimers?: TimerRecord[];
  /** Removed; a missing timer is ignored. */
  deleteTimers?: TimerKey[];
}

/** Filters and paging of {@link Store.listExecutions}. Ordered by `startedAt` then id, newest first unless `reverse`. */
export interface ExecutionQuery {
  functionName?: string;
  statuses?: ExecutionStatus[];
  /** Executions whose name starts with this prefix. */
  namePrefix?: string;
  /** Inclusive lower bound on startedAt. */
  startedAfter?: number;
  /** Exclusive upper bound on startedAt. */
  startedBefore?: number;
  /** Oldest first when true. */
  reverse?: boolean;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** A page of results. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

/** Options of {@link Store.listEvents}. */
export interface EventQuery {
  /** Only events with EventId > this. */
  afterEventId?: number;
  /** Page size (default all). */
  limit?: number;
}

/** Options of {@link Store.claimReady}. */
export interface ClaimRequest {
  workerId: string;
  now: number;
  /** The lease lasts until now + leaseMs. */
  leaseMs: number;
  /** Claim at most this many executions. */
  limit: number;
  /**
   * Claim only executions of these functions (the ones the claiming worker hosts); all when
   * absent. An empty list claims nothing.
   */
  functionNames?: readonly string[] | undefined;
}

/** Options of {@link Store.nextReadyAt}. */
export interface ReadyQuery {
  /** Only executions of these functions; all when absent. An empty list finds nothing. */
  functionNames?: readonly string[] | undefined;
}

/** Options of {@link Store.renewLease}. */
export interface LeaseRenewal {
  executionId: ExecutionId;
  /** The worker that holds the lease. */
  workerId: string;
  /** The fencing generation the lease was claimed under. */
  generation: number;
  /** The new expiry (epoch ms). */
  leaseExpiresAt: number;
}

/** Options of {@link Store.claimDueTimers}. */
export interface TimerClaim {
  now: number;
  /** The claim lasts until now + leaseMs: the timer's stored `dueAt` moves there. */
  leaseMs: number;
  /** Claim at most this many timers. */
  limit: number;
}

/**
 * Everything stored about one execution, as read from another store (`durably migrate`), written
 * as is: the row with its version, operations with their `updatedVersion`, events and timers.
 */
export interface ExecutionImport {
  execution: ExecutionRecord;
  operations: OperationRecord[];
  /** EventIds 1..n, n = `execution.lastEventId`. */
  events: Event[];
  timers: TimerRecord[];
}

/** The storage port. */
export interface Store {
  /**
   * Creates an execution unless (functionName, name) exists (then returns it, `created: false`).
   * Atomic. `ALREADY_EXISTS` when the executionId is taken by another (functionName, name).
   */
  createExecution(input: NewExecution): Promise<CreateExecutionResult>;
  getExecution(executionId: ExecutionId): Promise<ExecutionRecord | undefined>;
  findExecutionByName(functionName: string, name: string): Promise<ExecutionRecord | undefined>;
  listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionRecord>>;

  /** Operations of an execution in creation (`seq`) order; only those with updatedVersion > `changedAfterVersion` when given. */
  listOperations(
    executionId: ExecutionId,
    options?: { changedAfterVersion?: number },
  ): Promise<OperationRecord[]>;
  getOperation(executionId: ExecutionId, operationId: string): Promise<OperationRecord | undefined>;
  /** Operation holding a callback id (`CallbackDetails.CallbackId`). */
  findOperationByCallbackId(callbackId: string): Promise<OperationRecord | undefined>;
  listEvents(executionId: ExecutionId, query?: EventQuery): Promise<Event[]>;

  /** The one write path for an existing execution; see {@link ExecutionCommit}. Returns the updated row. */
  commit(change: ExecutionCommit): Promise<ExecutionRecord>;

  /** Timers due at or before `now`, earliest first. */
  listDueTimers(now: number, limit: number): Promise<TimerRecord[]>;
  /** Earliest timer due time, if any timer exists. */
  nextTimerDueAt(): Promise<number | undefined>;
  listTimers(executionId: ExecutionId): Promise<TimerRecord[]>;

  /**
   * Claims RUNNING executions that need an invocation: those with `readyAt <= now` whose lease is
   * absent or expired, and those whose lease has expired whatever their `readyAt` (their worker
   * died mid-invocation). Readiest first (earliest of readyAt / leaseExpiresAt). Sets the lease
   * (`leaseOwner`, `leaseExpiresAt = now + leaseMs`), bumps `generation` and `version`, resets
   * `checkpointSeq` to 0 and clears `readyAt`. Two concurrent claimers never claim the same execution.
   * A lease has expired when `leaseExpiresAt <= now`.
   */
  claimReady(request: ClaimRequest): Promise<ExecutionRecord[]>;
  /**
   * Earliest instant at which some RUNNING execution becomes claimable (its readyAt, or its lease
   * expiry), if any; among the executions of `query.functionNames` when given.
   */
  nextReadyAt(query?: ReadyQuery): Promise<number | undefined>;

  /**
   * Extends a lease while its invocation runs: sets `leaseExpiresAt` if the execution is RUNNING,
   * leased by `workerId` under `generation`; false (nothing written) otherwise, i.e. the lease was
   * lost to a newer claim or the execution closed. Changes neither `version` nor anything else, so
   * it never makes the holder's own commits CONFLICT.
   */
  renewLease(renewal: LeaseRenewal): Promise<boolean>;

  /**
   * Claims timers due at or before `now`, earliest first (as {@link Store.listDueTimers} orders them),
   * so that workers sharing the store do not all fire the same one: each claimed timer's stored
   * `dueAt` moves to `now + leaseMs`, where no concurrent claimer finds it due, and where it falls
   * due again if its claimer dies before firing it. Returned timers carry the `dueAt` they had.
   */
  claimDueTimers(claim: TimerClaim): Promise<TimerRecord[]>;

  /**
   * Writes an execution exactly as given (see {@link ExecutionImport}), atomically; false when an
   * execution with this id already exists (nothing written), so re-running an import skips what
   * it copied before. `ALREADY_EXISTS` when another execution holds its (functionName, name),
   * `INVALID_ARGUMENT` when the records do not fit together or a callback id is taken.
   */
  importExecution(input: ExecutionImport): Promise<boolean>;

  /**
   * OPTIONAL capability of stores shared by several processes (PostgreSQL), detected with
   * `store.subscribeReady !== undefined`: wakes idle workers instead of letting them poll hard.
   * Calls `listener` with the readyAt of an execution soon after a write (by any process) gives it
   * one, and without an instant whenever the subscription starts or resumes after a lost
   * connection (wake-ups may have been missed: check `nextReadyAt`). Best effort: lease expiries
   * are not announced, so keep a slow timer on `nextReadyAt` as well. Returns a function that ends
   * the subscription. Stores without it leave it undefined.
   */
  subscribeReady?(listener: (readyAt: number | undefined) => void): () => void;

  /** Releases all resources (idempotent). Further calls of the other methods fail with code `CLOSED`. */
  close(): Promise<void>;
}

export type { EventRecord };
