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

/** A new execution, created with its EXECUTION operation, first events and timers in one write. */
export interface NewExecution {
  execution: Omit<ExecutionRecord, "version">;
  operations: OperationRecord[];
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
 */
export interface ExecutionCommit {
  executionId: ExecutionId;
  expectedVersion: number;
  execution?: ExecutionPatch;
  /** Inserted or replaced by (executionId, operation.Id); `seq` and `executionId` as given. */
  operations?: Omit<OperationRecord, "updatedVersion">[];
  /** Appended; their EventIds must follow `lastEventId` (the patch sets the new `lastEventId`). */
  events?: Event[];
  setTimers?: TimerRecord[];
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
}

/** The storage port. */
export interface Store {
  /** Creates an execution unless (functionName, name) exists. Atomic. */
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
   * Claims RUNNING executions with `readyAt <= now` whose lease is absent or expired, readiest
   * first: sets the lease, bumps `generation` and `version`, resets `checkpointSeq` to 0 and clears
   * `readyAt`. Two concurrent claimers never claim the same execution.
   */
  claimReady(request: ClaimRequest): Promise<ExecutionRecord[]>;
  /** Earliest `readyAt` among RUNNING executions, if any. */
  nextReadyAt(): Promise<number | undefined>;

  /** Releases all resources. Further calls fail with code `CLOSED`. */
  close(): Promise<void>;
}

export type { EventRecord };
