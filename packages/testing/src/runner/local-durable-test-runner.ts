/**
 * `LocalDurableTestRunner`: runs a durable handler to completion on Durably's engine (in-memory store,
 * optional time skipping) and gives tests its result, operations and history — with the API of the
 * official testing library.
 */
import { randomUUID } from "node:crypto";
import type { DurableFunctionHandler, Engine, EngineEvent } from "@durably/engine";
import type { ErrorObject, Operation } from "@durably/sdk/protocol";
import { requireBackend, setupBackend, teardownBackend } from "../environment/test-environment.ts";
import type {
  LocalDurableTestRunnerSetupParameters,
  RunState,
  TestBackend,
} from "../environment/test-environment.ts";
import { DurableOperation } from "../operations/durable-operation.ts";
import type { CallbackSender, OperationSource } from "../operations/durable-operation.ts";
import { OperationLog } from "../operations/operation-log.ts";
import { createTestResult } from "../result/test-result.ts";
import type { TestResult } from "../result/test-result.ts";
import {
  missingFunctionError,
  rootDispatcher,
  runOf,
  targetDispatcher,
} from "./invocation-dispatch.ts";
import { plainFunctionHandler } from "./plain-function.ts";
import type { PlainHandler } from "./plain-function.ts";

/** Parameters of the runner. */
export interface LocalDurableTestRunnerParameters {
  /** The output of `withDurableExecution` (Durably's or the official SDK's). */
  handlerFunction: (event: any, context: any) => Promise<any>;
}

/** What `run` takes. */
export interface InvokeRequest {
  payload?: unknown;
}

/** The operations common to the local and cloud runners. */
export interface DurableTestRunner<TOp extends DurableOperation, R> {
  run(params?: InvokeRequest): Promise<TestResult<R>>;
  getOperation(name: string): TOp;
  getOperationByIndex(index: number): TOp;
  getOperationByNameAndIndex(name: string, index: number): TOp;
  getOperationById(id: string): TOp;
}

let runnerCount = 0;

const pendingWithoutWork = "Cannot return PENDING status with no pending operations.";

/** Runs durable handlers locally, as the official `LocalDurableTestRunner` does. */
export class LocalDurableTestRunner<TResult = any> implements DurableTestRunner<
  DurableOperation,
  TResult
> {
  readonly #handler: DurableFunctionHandler;
  readonly #functionName = `local-function-${++runnerCount}`;
  readonly #targets = new Map<string, DurableFunctionHandler>();
  #log = new OperationLog();

  constructor(params: LocalDurableTestRunnerParameters) {
    this.#handler = params.handlerFunction as DurableFunctionHandler;
  }

  /** Starts the shared backend; `skipTime` skips waits and retry delays. Await it once before any run. */
  static setupTestEnvironment(params?: LocalDurableTestRunnerSetupParameters): Promise<void> {
    return setupBackend(params);
  }

  /** Stops the shared backend and restores the real clock. */
  static teardownTestEnvironment(): Promise<void> {
    return teardownBackend();
  }

  /** Registers a durable function that `context.invoke(name, …)` runs. Survives `reset()`. */
  registerDurableFunction(
    functionName: string,
    durableHandler: (event: any, context: any) => Promise<any>,
  ): this {
    this.#targets.set(functionName, durableHandler as DurableFunctionHandler);
    return this;
  }

  /** Registers a plain Lambda handler that `context.invoke(name, …)` calls. Survives `reset()`. */
  registerFunction(functionName: string, handler: PlainHandler): this {
    this.#targets.set(functionName, plainFunctionHandler(handler));
    return this;
  }

  /** Forgets the operations and events of previous runs; handles taken before no longer update. */
  reset(): void {
    this.#log = new OperationLog();
  }

  /** Live handle on the `index`-th operation named `name` (default the first). */
  getOperation<R = any>(name: string, index = 0): DurableOperation<R> {
    return new DurableOperation<R>(this.#liveSource(), (log) => log.byName(name, index));
  }
  /** Same as `getOperation(name, index)`. */
  getOperationByNameAndIndex<R = any>(name: string, index: number): DurableOperation<R> {
    return this.getOperation<R>(name, index);
  }
  /** Live handle on the `index`-th operation (EXECUTION excluded; negative counts from the end). */
  getOperationByIndex<R = any>(index: number): DurableOperation<R> {
    return new DurableOperation<R>(this.#liveSource(), (log) => log.byIndex(index));
  }
  /** Live handle on the operation with this wire id. */
  getOperationById<R = any>(id: string): DurableOperation<R> {
    return new DurableOperation<R>(this.#liveSource(), (log) => log.get(id));
  }

  /** Handles follow the log that is current when they are taken (until the next `reset()`). */
  #liveSource(): OperationSource {
    const log = this.#log;
    return { log: () => log, callbacks: () => callbackSender(requireBackend().engine) };
  }

  /** Runs a new execution to completion. */
  async run(params?: InvokeRequest): Promise<TestResult<TResult>> {
    const backend = requireBackend();
    const { engine } = backend;
    const log = this.#log;
    const source: OperationSource = {
      log: () => log,
      callbacks: () => callbackSender(requireBackend().engine),
    };
    let rejectRun: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      rejectRun = reject;
    });
    failed.catch(() => undefined);
    let hasFailed = false;
    const run: RunState = {
      requestId: randomUUID(),
      targets: new Map(this.#targets),
      fail: (error) => {
        if (hasFailed) return;
        hasFailed = true;
        rejectRun(error);
      },
    };
    this.#install(backend, run);

    let executionId: string | undefined;
    const early: EngineEvent[] = [];
    // Live handles see each change with the history events written with it (getWaitDetails, getEvents),
    // applied one change at a time in the order the engine reported them.
    let updates = Promise.resolve();
    const onEvent = (event: EngineEvent): void => {
      if (event.type !== "operations-changed") return;
      if (event.executionId === executionId) {
        const id = executionId;
        updates = updates
          .then(async () =>
            log.upsert(
              event.operations,
              await engine.getHistory(id, { afterEventId: log.lastEventId }),
            ),
          )
          .catch(() => log.upsert(event.operations));
      }
      watchMissingTargets(backend, run, event.executionId, event.operations);
    };
    // Subscribe before starting, so no change is missed; changes before the id is known wait here.
    const unsubscribe = engine.subscribe((event) =>
      executionId === undefined ? early.push(event) : onEvent(event),
    );
    log.begin();
    try {
      const { execution } = await engine.startExecution({
        functionName: this.#functionName,
        executionName: randomUUID(),
        ...(params?.payload === undefined ? {} : { input: params.payload }),
      });
      executionId = execution.executionId;
      for (const event of early.splice(0)) onEvent(event);
      let finished;
      try {
        finished = await Promise.race([engine.waitForExecution(executionId), failed]);
      } catch (error) {
        await engine.stopExecution(executionId).catch(() => undefined);
        throw error;
      }
      await updates;
      log.upsert(await engine.getOperations(executionId));
      log.setEvents(await engine.getHistory(executionId));
      if (
        finished.error?.ErrorType === "InvalidParameterValueException" &&
        finished.error.ErrorMessage === pendingWithoutWork
      ) {
        throw {
          error: { ErrorType: "InvalidParameterValueException", ErrorMessage: pendingWithoutWork },
          status: "FAILED",
        };
      }
      return createTestResult<TResult>(
        { status: finished.status, result: finished.result, error: finished.error },
        log,
        source,
      );
    } finally {
      unsubscribe();
      if (backend.runs.get(this.#functionName) === run) backend.runs.delete(this.#functionName);
      log.complete();
    }
  }

  /** Makes `run` the current run of this runner and registers dispatchers for its handler and targets. */
  #install(backend: TestBackend, run: RunState): void {
    backend.runs.set(this.#functionName, run);
    backend.engine.register(
      this.#functionName,
      rootDispatcher(backend, this.#functionName, this.#handler),
    );
    for (const name of run.targets.keys()) {
      if (backend.dispatchedTargets.has(name)) continue;
      backend.engine.register(name, targetDispatcher(backend, name));
      backend.dispatchedTargets.add(name);
    }
  }
}

/** A chained invoke the engine failed because no function of that name exists anywhere: reject the run. */
function watchMissingTargets(
  backend: TestBackend,
  run: RunState,
  executionId: string,
  operations: readonly Operation[],
): void {
  for (const op of operations) {
    if (
      op.Type !== "CHAINED_INVOKE" ||
      op.ChainedInvokeDetails?.Error?.ErrorType !== "ResourceNotFoundException"
    )
      continue;
    void (async () => {
      if ((await runOf(backend, executionId)) !== run) return;
      const events = await backend.engine.getHistory(executionId);
      const started = events.find((e) => e.EventType === "ChainedInvokeStarted" && e.Id === op.Id);
      const name = started?.ChainedInvokeStartedDetails?.FunctionName;
      // A registered target may itself fail with that error type; only a missing name rejects the run.
      if (name !== undefined && !run.targets.has(name)) run.fail(missingFunctionError(name));
    })().catch((error: unknown) => run.fail(error));
  }
}

function callbackSender(engine: Engine): CallbackSender {
  return {
    sendCallbackSuccess: (id, result) =>
      engine.sendCallbackSuccess(id, ...(result === undefined ? [] : [result])),
    sendCallbackFailure: (id, error?: ErrorObject) =>
      engine.sendCallbackFailure(id, ...(error === undefined ? [] : [error])),
    sendCallbackHeartbeat: (id) => engine.sendCallbackHeartbeat(id),
  };
}
