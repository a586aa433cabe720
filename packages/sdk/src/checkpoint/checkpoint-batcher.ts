import type { CheckpointFailedError } from "../errors/unrecoverable-errors.ts";
import { NEVER } from "../internal/never.ts";
import type { TimerRegistry } from "../internal/timer-registry.ts";
import type {
  DurableExecutionClient,
  Operation,
  OperationUpdate,
  TransportLogger,
} from "../protocol/wire.ts";
import type { ExecutionState } from "../replay/execution-state.ts";
import { classifyCheckpointError } from "./classify-checkpoint-error.ts";

/** At most this many updates per request (spec §13.6). */
export const MAX_UPDATES_PER_REQUEST = 250;
/** Roughly this many bytes per request, token included. */
export const MAX_REQUEST_BYTES = 750_000;
const UPDATE_OVERHEAD_BYTES = 100;

/** Something whose later updates are dropped once it finished (a child context's lifecycle scope). */
export interface UpdateOwner {
  isActive(): boolean;
}

/** What the batcher needs from the invocation. */
export interface CheckpointBatcherOptions {
  readonly client: DurableExecutionClient;
  readonly durableExecutionArn: string;
  readonly checkpointToken: string;
  readonly state: ExecutionState;
  readonly timers: TimerRegistry;
  readonly logger?: TransportLogger | undefined;
  /** Called whenever nothing is queued or in flight any more. */
  onIdle(): void;
  /** Called once when a request fails; nothing is sent afterwards. */
  onFailure(error: CheckpointFailedError): void;
  /** Called with the records a response changed the status of; awaited before waiters resume. */
  readonly onStatusChanged?:
    | ((changed: readonly Operation[]) => Promise<void> | undefined)
    | undefined;
}

interface QueuedUpdate {
  readonly update: OperationUpdate;
  readonly bytes: number;
  readonly resolve: (() => void) | undefined;
}

/**
 * Sends operation updates to the service: queued FIFO, flushed after the current tick so updates
 * produced together share one request, one request at a time (≤250 updates, ~750 KB). Every
 * response replaces the token and its changed records are merged into the state. Once
 * terminating, new updates are dropped and their promises never settle (spec §13.6).
 */
export class CheckpointBatcher {
  readonly #options: CheckpointBatcherOptions;
  #token: string;
  #queue: QueuedUpdate[] = [];
  #head = 0;
  #inFlight = false;
  #flushScheduled = false;
  #refreshRequested = false;
  #terminating = false;
  #failure: CheckpointFailedError | undefined;
  #drainWaiters: (() => void)[] = [];

  constructor(options: CheckpointBatcherOptions) {
    this.#options = options;
    this.#token = options.checkpointToken;
  }

  /** The failure that stopped the batcher, if any. */
  get failure(): CheckpointFailedError | undefined {
    return this.#failure;
  }

  /** The token the next request will carry. */
  get checkpointToken(): string {
    return this.#token;
  }

  /** Queues an update without waiting for it. */
  enqueue(update: OperationUpdate, owner?: UpdateOwner): void {
    if (this.#accepts(owner)) this.#push(update, undefined);
  }

  /**
   * Queues an update; resolves once the service applied it. Never resolves when terminating, or
   * when the owner already finished (a descendant of a completed child context, spec §7.3).
   */
  checkpoint(update: OperationUpdate, owner?: UpdateOwner): Promise<void> {
    if (!this.#accepts(owner)) return NEVER;
    return new Promise((resolve) => this.#push(update, resolve));
  }

  /** Queues the invocation's last update and refuses any after it. */
  checkpointFinal(update: OperationUpdate): Promise<void> {
    if (this.#terminating) return NEVER;
    const done = this.checkpoint(update);
    this.#terminating = true;
    return done;
  }

  /** Asks for an empty request to fetch external changes, unless a request is due anyway. */
  refresh(): void {
    if (this.#terminating) return;
    this.#refreshRequested = true;
    this.#scheduleFlush();
  }

  /** Drops updates queued from now on; what is already queued is still sent. */
  beginTermination(): void {
    this.#terminating = true;
  }

  /** Nothing queued, nothing in flight. */
  isIdle(): boolean {
    return !this.#inFlight && this.#head === this.#queue.length && !this.#refreshRequested;
  }

  /** Resolves once everything queued was sent (or a request failed). */
  drain(): Promise<void> {
    if (this.#failure !== undefined || this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #accepts(owner: UpdateOwner | undefined): boolean {
    return !this.#terminating && (owner === undefined || owner.isActive());
  }

  #push(update: OperationUpdate, resolve: (() => void) | undefined): void {
    this.#queue.push({ update, bytes: estimateBytes(update), resolve });
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#inFlight || this.#failure !== undefined) return;
    this.#flushScheduled = true;
    this.#options.timers.defer(this.#flush);
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false;
    if (this.#inFlight || this.#failure !== undefined) return;
    const batch = this.#takeBatch();
    if (batch.length === 0 && !this.#refreshRequested) {
      this.#settleIdle();
      return;
    }
    this.#refreshRequested = false;
    this.#inFlight = true;
    void this.#send(batch);
  };

  #takeBatch(): QueuedUpdate[] {
    const batch: QueuedUpdate[] = [];
    let bytes = this.#token.length + this.#options.durableExecutionArn.length;
    while (this.#head < this.#queue.length && batch.length < MAX_UPDATES_PER_REQUEST) {
      const next = this.#queue[this.#head] as QueuedUpdate;
      if (batch.length > 0 && bytes + next.bytes > MAX_REQUEST_BYTES) break;
      bytes += next.bytes;
      batch.push(next);
      this.#head++;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    return batch;
  }

  async #send(batch: QueuedUpdate[]): Promise<void> {
    const { client, durableExecutionArn, logger, state } = this.#options;
    let response;
    try {
      response = await client.checkpoint(
        {
          DurableExecutionArn: durableExecutionArn,
          CheckpointToken: this.#token,
          Updates: batch.map((entry) => entry.update),
        },
        logger,
      );
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (response?.CheckpointToken) this.#token = response.CheckpointToken;
    const changed = state.merge(response?.NewExecutionState?.Operations);
    // Still in flight while plugins hear of the change: no other request, no suspension.
    if (changed.length > 0 && this.#options.onStatusChanged !== undefined)
      await this.#options.onStatusChanged(changed);
    this.#inFlight = false;
    for (const entry of batch) entry.resolve?.();
    if (this.#head < this.#queue.length || this.#refreshRequested) this.#scheduleFlush();
    else this.#settleIdle();
  }

  #fail(error: unknown): void {
    this.#failure = classifyCheckpointError(error);
    this.#inFlight = false;
    this.#terminating = true;
    this.#queue = [];
    this.#head = 0;
    this.#refreshRequested = false;
    this.#options.onFailure(this.#failure);
    this.#releaseDrainWaiters();
  }

  #settleIdle(): void {
    this.#releaseDrainWaiters();
    this.#options.onIdle();
  }

  #releaseDrainWaiters(): void {
    if (this.#drainWaiters.length === 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function estimateBytes(update: OperationUpdate): number {
  let bytes =
    UPDATE_OVERHEAD_BYTES +
    update.Id.length +
    (update.ParentId?.length ?? 0) +
    (update.Name?.length ?? 0);
  if (update.Payload !== undefined) bytes += Buffer.byteLength(update.Payload, "utf8");
  if (update.Error !== undefined) bytes += JSON.stringify(update.Error).length;
  return bytes;
}
