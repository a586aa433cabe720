/**
 * The user contract of a durable context (spec/sdk-api.md §3). Each operation's behaviour lives in
 * its folder under `operations/`; this file only declares what user code can call.
 */
import type { LambdaContext } from "../handler/lambda-context.ts";
import type {
  DurableContextLogger,
  DurableLogger,
  LoggerConfig,
} from "../logging/durable-logger.ts";
import type {
  CreateCallbackConfig,
  CreateCallbackResult,
} from "../operations/callback/create-callback.ts";
import type { ChildConfig, ChildFunc } from "../operations/child/child-config.ts";
import type { BatchResult } from "../operations/batch/batch-result.ts";
import type { InvokeConfig } from "../operations/invoke/invoke.ts";
import type { ItemBatcher, MapBatchFunc } from "../operations/map/item-batcher.ts";
import type { MapConfig, MapFunc } from "../operations/map/map.ts";
import type {
  NamedParallelBranch,
  ParallelConfig,
  ParallelFunc,
} from "../operations/parallel/parallel.ts";
import type { DurablePromiseCombinators } from "../operations/promise-combinators/promise-combinators.ts";
import type { StepConfig, StepFunc } from "../operations/step/step-config.ts";
import type {
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
} from "../operations/wait-for-callback/wait-for-callback.ts";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
} from "../operations/wait-for-condition/wait-for-condition.ts";
import type { DurablePromise } from "../promise/durable-promise.ts";
import type { SerdesConfig } from "../serdes/serdes.ts";
import type { Duration } from "./duration.ts";

/** Facts about the execution the code runs in. */
export interface ExecutionContext {
  readonly durableExecutionArn: string;
}

/** The context a durable handler and its child contexts receive. */
export interface DurableContext<TLogger extends DurableLogger = DurableLogger> {
  /** The Lambda context object of this invocation. */
  lambdaContext: LambdaContext;
  /** Logger that drops calls made while replaying (unless configured otherwise). */
  logger: DurableContextLogger<TLogger>;
  executionContext: ExecutionContext;
  /** Runs `fn` once and records its result; replay returns the recorded result or error. */
  step<T>(
    name: string | undefined,
    fn: StepFunc<T, TLogger>,
    config?: StepConfig<T>,
  ): DurablePromise<T>;
  step<T>(fn: StepFunc<T, TLogger>, config?: StepConfig<T>): DurablePromise<T>;
  /** Starts another durable function and waits for its result. */
  invoke<I, O>(
    name: string,
    funcId: string,
    input?: I,
    config?: InvokeConfig<I, O>,
  ): DurablePromise<O>;
  invoke<I, O>(funcId: string, input?: I, config?: InvokeConfig<I, O>): DurablePromise<O>;
  /** Runs `fn` with a child context whose operations are grouped under one CONTEXT operation. */
  runInChildContext<T>(
    name: string | undefined,
    fn: ChildFunc<T, TLogger>,
    config?: ChildConfig<T>,
  ): DurablePromise<T>;
  runInChildContext<T>(fn: ChildFunc<T, TLogger>, config?: ChildConfig<T>): DurablePromise<T>;
  /** Waits durably; the invocation may suspend meanwhile. */
  wait(name: string, duration: Duration): DurablePromise<void>;
  wait(duration: Duration): DurablePromise<void>;
  /** Polls `check` with durable waits until the wait strategy says stop. */
  waitForCondition<T>(
    name: string | undefined,
    check: WaitForConditionCheckFunc<T, TLogger>,
    config: WaitForConditionConfig<T>,
  ): DurablePromise<T>;
  waitForCondition<T>(
    check: WaitForConditionCheckFunc<T, TLogger>,
    config: WaitForConditionConfig<T>,
  ): DurablePromise<T>;
  /** Creates a callback an external system completes; resolves with `[promise, callbackId]`. */
  createCallback<T = string>(
    name: string | undefined,
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<CreateCallbackResult<T>>;
  createCallback<T = string>(
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<CreateCallbackResult<T>>;
  /** Creates a callback, hands its id to `submitter`, and waits for the result. */
  waitForCallback<T = string>(
    name: string | undefined,
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T>;
  waitForCallback<T = string>(
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T>;
  /**
   * Durably extension: with `config.itemBatcher`, runs `fn` once per batch of consecutive items,
   * each batch in its own child context; the result still has one entry per item.
   */
  map<I, O>(
    name: string | undefined,
    items: I[],
    fn: MapBatchFunc<I, O, TLogger>,
    config: MapConfig<I, O> & { itemBatcher: ItemBatcher },
  ): DurablePromise<BatchResult<O>>;
  map<I, O>(
    items: I[],
    fn: MapBatchFunc<I, O, TLogger>,
    config: MapConfig<I, O> & { itemBatcher: ItemBatcher },
  ): DurablePromise<BatchResult<O>>;
  /** Runs `fn` for every item, each in its own child context; failures are in the result. */
  map<I, O>(
    name: string | undefined,
    items: I[],
    fn: MapFunc<I, O, TLogger>,
    config?: MapConfig<I, O>,
  ): DurablePromise<BatchResult<O>>;
  map<I, O>(
    items: I[],
    fn: MapFunc<I, O, TLogger>,
    config?: MapConfig<I, O>,
  ): DurablePromise<BatchResult<O>>;
  /** Runs branches concurrently, each in its own child context; failures are in the result. */
  parallel<T>(
    name: string | undefined,
    branches: (ParallelFunc<T, TLogger> | NamedParallelBranch<T, TLogger>)[],
    config?: ParallelConfig<T>,
  ): DurablePromise<BatchResult<T>>;
  parallel<T>(
    branches: (ParallelFunc<T, TLogger> | NamedParallelBranch<T, TLogger>)[],
    config?: ParallelConfig<T>,
  ): DurablePromise<BatchResult<T>>;
  /** Promise combinators over already-started operations, recorded as one operation. */
  promise: DurablePromiseCombinators;
  /** Replaces this context's logger and/or its mode-awareness (children created later inherit it). */
  configureLogger(config: LoggerConfig<TLogger>): void;
  /** Sets this context's default serdes (children created later inherit it). */
  configureSerdes(config: SerdesConfig): void;
}
