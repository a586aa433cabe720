/**
 * The Engine behind `createEngine`: a thin facade over the services it was built with.
 */
import type { DurableExecutionClient, ErrorObject, Event, Operation } from "@durably/sdk/protocol";
import type { ExecutionId, ExecutionQuery, Page } from "@durably/store";
import type { CallbackService } from "../callback/callback-service.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import type { WorkerLoop } from "../invoker/worker-loop.ts";
import type { ExecutionService } from "../lifecycle/execution-service.ts";
import type { IdleDriver } from "../scheduler/idle-driver.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import type {
  DurableFunctionHandler,
  Engine,
  EngineEvent,
  ExecutionSummary,
  StartExecutionRequest,
  StartExecutionResult,
} from "./engine-api.ts";

/** The services an engine is made of. */
export interface EngineParts {
  ctx: EngineContext;
  client: DurableExecutionClient;
  executions: ExecutionService;
  callbacks: CallbackService;
  workers: WorkerLoop;
  scheduler: Scheduler;
  idle: IdleDriver;
}

/** Durably's engine. */
export class DurablyEngine implements Engine {
  readonly client: DurableExecutionClient;
  readonly #parts: EngineParts;

  constructor(parts: EngineParts) {
    this.#parts = parts;
    this.client = parts.client;
  }

  register(functionName: string, handler: DurableFunctionHandler): void {
    this.#parts.ctx.functions.register(functionName, handler);
  }

  functionNames(): string[] {
    return this.#parts.ctx.functions.names();
  }

  startExecution(request: StartExecutionRequest): Promise<StartExecutionResult> {
    return this.#tracked(this.#parts.executions.startExecution(request));
  }

  getExecution(executionId: ExecutionId): Promise<ExecutionSummary> {
    return this.#parts.executions.getExecution(executionId);
  }

  listExecutions(query?: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    return this.#parts.executions.listExecutions(query);
  }

  getOperations(executionId: ExecutionId): Promise<Operation[]> {
    return this.#parts.executions.getOperations(executionId);
  }

  getHistory(
    executionId: ExecutionId,
    options?: { afterEventId?: number; limit?: number },
  ): Promise<Event[]> {
    return this.#parts.executions.getHistory(executionId, options);
  }

  stopExecution(executionId: ExecutionId, error?: ErrorObject): Promise<ExecutionSummary> {
    return this.#tracked(this.#parts.executions.stopExecution(executionId, error));
  }

  waitForExecution(executionId: ExecutionId): Promise<ExecutionSummary> {
    return this.#parts.executions.waitForExecution(executionId);
  }

  sendCallbackSuccess(callbackId: string, result?: string): Promise<void> {
    return this.#tracked(this.#parts.callbacks.succeed(callbackId, result));
  }

  sendCallbackFailure(callbackId: string, error?: ErrorObject): Promise<void> {
    return this.#tracked(this.#parts.callbacks.fail(callbackId, error));
  }

  sendCallbackHeartbeat(callbackId: string): Promise<void> {
    return this.#tracked(this.#parts.callbacks.heartbeat(callbackId));
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.#parts.ctx.hub.subscribe(listener);
  }

  start(): void {
    if (this.#parts.workers.isStarted) return;
    this.#parts.workers.start();
    this.#parts.scheduler.start(this.#parts.ctx.config.pollIntervalMs);
  }

  async stop(): Promise<void> {
    this.#parts.scheduler.stop();
    await this.#parts.workers.stop();
  }

  whenIdle(): Promise<void> {
    return this.#parts.idle.whenIdle();
  }

  advanceToNextDue(): Promise<number | undefined> {
    return this.#parts.idle.advanceToNextDue();
  }

  /** Counts an API write as engine work, so idleness is not reported between its commit and what it wakes. */
  #tracked<T>(work: Promise<T>): Promise<T> {
    return this.#parts.ctx.activity.track(work);
  }
}
