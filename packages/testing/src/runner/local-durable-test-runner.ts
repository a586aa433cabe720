/**
 * `LocalDurableTestRunner`: runs a durable handler to completion on Durably's engine (in-memory store,
 * optional time skipping) and gives tests its result, operations and history — with the API of the
 * official testing library.
 */
import { randomUUID } from "node:crypto";
import { DurableExecutionInvocationInputWithClient } from "@durably/engine";
import type { DurableFunctionHandler, Engine } from "@durably/engine";
import type { DurableExecutionClient, ErrorObject } from "@durably/sdk/protocol";
import { requireBackend, setupBackend, teardownBackend } from "../environment/test-environment.ts";
import type { LocalDurableTestRunnerSetupParameters, TestBackend } from "../environment/test-environment.ts";
import { DurableOperation } from "../operations/durable-operation.ts";
import type { CallbackSender, OperationSource } from "../operations/durable-operation.ts";
import { OperationLog } from "../operations/operation-log.ts";
import { createTestResult } from "../result/test-result.ts";
import type { TestResult } from "../result/test-result.ts";
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
export class LocalDurableTestRunner<TResult = any> implements DurableTestRunner<DurableOperation, TResult> {
  readonly #handler: DurableFunctionHandler;
  readonly #functionName = `local-function-${++runnerCount}`;
  readonly #targets = new Map<string, DurableFunctionHandler>();
  #log = new OperationLog();
  readonly #source: OperationSource = {
    log: () => this.#log,
    callbacks: () => callbackSender(requireBackend().engine),
  };

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

  /** Registers a durable function that `context.invoke(name, …)` runs. */
  registerDurableFunction(functionName: string, durableHandler: (event: any, context: any) => Promise<any>): this {
    this.#targets.set(functionName, durableHandler as DurableFunctionHandler);
    return this;
  }

  /** Registers a plain Lambda handler that `context.invoke(name, …)` calls. */
  registerFunction(functionName: string, handler: PlainHandler): this {
    this.#targets.set(functionName, plainFunctionHandler(handler));
    return this;
  }

  /** Forgets the operations of previous runs; handles taken before no longer update. */
  reset(): void {
    this.#log = new OperationLog();
  }

  /** Live handle on the `index`-th operation named `name` (default the first). */
  getOperation<R = any>(name: string, index = 0): DurableOperation<R> {
    return new DurableOperation<R>(this.#source, (log) => log.byName(name, index));
  }
  /** Same as `getOperation(name, index)`. */
  getOperationByNameAndIndex<R = any>(name: string, index: number): DurableOperation<R> {
    return this.getOperation<R>(name, index);
  }
  /** Live handle on the `index`-th operation (EXECUTION excluded; negative counts from the end). */
  getOperationByIndex<R = any>(index: number): DurableOperation<R> {
    return new DurableOperation<R>(this.#source, (log) => log.byIndex(index));
  }
  /** Live handle on the operation with this wire id. */
  getOperationById<R = any>(id: string): DurableOperation<R> {
    return new DurableOperation<R>(this.#source, (log) => log.get(id));
  }

  /** Runs a new execution to completion. */
  async run(params?: InvokeRequest): Promise<TestResult<TResult>> {
    const backend = requireBackend();
    const { engine } = backend;
    const log = this.#log;
    const thrown: unknown[] = [];
    engine.register(this.#functionName, this.#wrap(this.#handler, backend, thrown));
    for (const [name, target] of this.#targets) engine.register(name, this.#wrap(target, backend, thrown));

    const { execution } = await engine.startExecution({
      functionName: this.#functionName,
      executionName: randomUUID(),
      ...(params?.payload === undefined ? {} : { input: params.payload }),
    });
    const id = execution.executionId;
    const unsubscribe = engine.subscribe((event) => {
      if (event.type === "operations-changed" && event.executionId === id) log.upsert(event.operations);
    });
    try {
      log.upsert(await engine.getOperations(id));
      const finished = await engine.waitForExecution(id);
      log.upsert(await engine.getOperations(id));
      log.setEvents(await engine.getHistory(id));
      if (thrown.length > 0) throw thrown[0];
      if (finished.error?.ErrorType === "InvalidParameterValueException" && finished.error.ErrorMessage === pendingWithoutWork) {
        throw { error: { ErrorType: "InvalidParameterValueException", ErrorMessage: pendingWithoutWork }, status: "FAILED" };
      }
      await this.#rejectUnregisteredInvokes(engine, log);
      return createTestResult<TResult>(
        { status: finished.status, result: finished.result, error: finished.error },
        log,
        this.#source,
      );
    } finally {
      unsubscribe();
      log.complete();
    }
  }

  /** Records a throwing handler (run() rejects with its error) and applies the checkpoint delay. */
  #wrap(handler: DurableFunctionHandler, backend: TestBackend, thrown: unknown[]): DurableFunctionHandler {
    return async (event, context) => {
      const delayed =
        backend.checkpointDelay > 0
          ? new DurableExecutionInvocationInputWithClient(
              event,
              delayClient((event as DurableExecutionInvocationInputWithClient).durableExecutionClient, backend.checkpointDelay),
            )
          : event;
      try {
        return await handler(delayed, context);
      } catch (error) {
        thrown.push(error);
        throw error;
      }
    };
  }

  async #rejectUnregisteredInvokes(engine: Engine, log: OperationLog): Promise<void> {
    const missing = log
      .userOperations()
      .find((op) => op.Type === "CHAINED_INVOKE" && op.ChainedInvokeDetails?.Error?.ErrorType === "ResourceNotFoundException");
    if (!missing) return;
    const started = log.eventsOf(missing.Id).find((e) => e.EventType === "ChainedInvokeStarted");
    const name = started?.ChainedInvokeStartedDetails?.FunctionName ?? "unknown";
    if (this.#targets.has(name)) return;
    void engine;
    throw new Error(
      `No function found for function name ${name}.\nPlease configure the function handler for "${name}" with LocalDurableTestRunner.registerFunctions.`,
    );
  }
}

function callbackSender(engine: Engine): CallbackSender {
  return {
    sendCallbackSuccess: (id, result) => engine.sendCallbackSuccess(id, ...(result === undefined ? [] : [result])),
    sendCallbackFailure: (id, error?: ErrorObject) => engine.sendCallbackFailure(id, ...(error === undefined ? [] : [error])),
    sendCallbackHeartbeat: (id) => engine.sendCallbackHeartbeat(id),
  };
}

function delayClient(client: DurableExecutionClient, delayMs: number): DurableExecutionClient {
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, delayMs));
  return {
    getExecutionState: (params, logger) => client.getExecutionState(params, logger),
    checkpoint: async (params, logger) => {
      await pause();
      return client.checkpoint(params, logger);
    },
  };
}
