/**
 * A Store decorator for tests: delegates to a real store (the memory store) and counts the calls the
 * engine makes, so tests can check its access pattern (no full re-reads per checkpoint).
 */
import type {
  ClaimRequest,
  CreateExecutionResult,
  EventQuery,
  ExecutionCommit,
  ExecutionId,
  ExecutionImport,
  ExecutionQuery,
  ExecutionRecord,
  LeaseRenewal,
  NewExecution,
  OperationRecord,
  Page,
  ReadyQuery,
  Store,
  TimerClaim,
  TimerRecord,
} from "@durably/store";
import { hasErrorCode } from "@durably/store";
import { createMemoryStore } from "@durably/store/memory";
import type { Event } from "@durably/sdk/protocol";

/** Counts of store calls. */
export interface StoreStats {
  commits: number;
  conflicts: number;
  listOperations: number;
  fullListOperations: number;
  renewals: number;
  timerClaims: number;
}

/** A counting wrapper around a store. */
export class InstrumentedStore implements Store {
  readonly stats: StoreStats = {
    commits: 0,
    conflicts: 0,
    listOperations: 0,
    fullListOperations: 0,
    renewals: 0,
    timerClaims: 0,
  };
  readonly #inner: Store;

  constructor(inner: Store = createMemoryStore()) {
    this.#inner = inner;
  }

  createExecution(input: NewExecution): Promise<CreateExecutionResult> {
    return this.#inner.createExecution(input);
  }
  getExecution(executionId: ExecutionId): Promise<ExecutionRecord | undefined> {
    return this.#inner.getExecution(executionId);
  }
  findExecutionByName(functionName: string, name: string): Promise<ExecutionRecord | undefined> {
    return this.#inner.findExecutionByName(functionName, name);
  }
  listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionRecord>> {
    return this.#inner.listExecutions(query);
  }
  listOperations(
    executionId: ExecutionId,
    options?: { changedAfterVersion?: number },
  ): Promise<OperationRecord[]> {
    this.stats.listOperations++;
    if (options?.changedAfterVersion === undefined) this.stats.fullListOperations++;
    return this.#inner.listOperations(executionId, options);
  }
  getOperation(
    executionId: ExecutionId,
    operationId: string,
  ): Promise<OperationRecord | undefined> {
    return this.#inner.getOperation(executionId, operationId);
  }
  findOperationByCallbackId(callbackId: string): Promise<OperationRecord | undefined> {
    return this.#inner.findOperationByCallbackId(callbackId);
  }
  listEvents(executionId: ExecutionId, query?: EventQuery): Promise<Event[]> {
    return this.#inner.listEvents(executionId, query);
  }
  async commit(change: ExecutionCommit): Promise<ExecutionRecord> {
    this.stats.commits++;
    try {
      return await this.#inner.commit(change);
    } catch (error) {
      if (hasErrorCode(error, "CONFLICT")) this.stats.conflicts++;
      throw error;
    }
  }
  listDueTimers(now: number, limit: number): Promise<TimerRecord[]> {
    return this.#inner.listDueTimers(now, limit);
  }
  nextTimerDueAt(): Promise<number | undefined> {
    return this.#inner.nextTimerDueAt();
  }
  listTimers(executionId: ExecutionId): Promise<TimerRecord[]> {
    return this.#inner.listTimers(executionId);
  }
  claimReady(request: ClaimRequest): Promise<ExecutionRecord[]> {
    return this.#inner.claimReady(request);
  }
  nextReadyAt(query?: ReadyQuery): Promise<number | undefined> {
    return this.#inner.nextReadyAt(query);
  }
  renewLease(renewal: LeaseRenewal): Promise<boolean> {
    this.stats.renewals++;
    return this.#inner.renewLease(renewal);
  }
  claimDueTimers(claim: TimerClaim): Promise<TimerRecord[]> {
    this.stats.timerClaims++;
    return this.#inner.claimDueTimers(claim);
  }
  importExecution(input: ExecutionImport): Promise<boolean> {
    return this.#inner.importExecution(input);
  }
  close(): Promise<void> {
    return this.#inner.close();
  }
}
