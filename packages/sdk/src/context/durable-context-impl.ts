import type { LambdaContext } from "../handler/lambda-context.ts";
import type {
  DurableContextLogger,
  DurableLogger,
  LoggerConfig,
} from "../logging/durable-logger.ts";
import {
  createCallback,
  type CreateCallbackConfig,
  type CreateCallbackResult,
} from "../operations/callback/create-callback.ts";
import type { ChildConfig, ChildFunc } from "../operations/child/child-config.ts";
import {
  type ContextFactory,
  runInChildContext,
} from "../operations/child/run-in-child-context.ts";
import type { BatchResult } from "../operations/batch/batch-result.ts";
import { invoke } from "../operations/invoke/invoke.ts";
import { map } from "../operations/map/map.ts";
import { parallel } from "../operations/parallel/parallel.ts";
import {
  createPromiseCombinators,
  type DurablePromiseCombinators,
} from "../operations/promise-combinators/promise-combinators.ts";
import type { StepConfig, StepFunc } from "../operations/step/step-config.ts";
import { step } from "../operations/step/step.ts";
import {
  waitForCallback,
  type WaitForCallbackConfig,
  type WaitForCallbackSubmitterFunc,
} from "../operations/wait-for-callback/wait-for-callback.ts";
import {
  waitForCondition,
  type WaitForConditionCheckFunc,
  type WaitForConditionConfig,
} from "../operations/wait-for-condition/wait-for-condition.ts";
import { wait } from "../operations/wait/wait.ts";
import type { DurablePromise } from "../promise/durable-promise.ts";
import type { SerdesConfig } from "../serdes/serdes.ts";
import type { ContextCore } from "./context-core.ts";
import type { DurableContext, ExecutionContext } from "./durable-context.ts";
import type { Duration } from "./duration.ts";

const createContext: ContextFactory = (core) => new DurableContextImpl(core);

/** The object user code receives as `context`: thin methods delegating to the operations. */
export class DurableContextImpl<
  TLogger extends DurableLogger = DurableLogger,
> implements DurableContext<TLogger> {
  readonly #core: ContextCore;
  readonly lambdaContext: LambdaContext;
  readonly logger: DurableContextLogger<TLogger>;
  readonly executionContext: ExecutionContext;
  readonly promise: DurablePromiseCombinators;

  constructor(core: ContextCore) {
    this.#core = core;
    this.lambdaContext = core.runtime.lambdaContext;
    this.logger = core.logger as DurableContextLogger<TLogger>;
    this.executionContext = { durableExecutionArn: core.runtime.durableExecutionArn };
    this.promise = createPromiseCombinators(core, createContext);
  }

  step<T>(
    nameOrFn: string | undefined | StepFunc<T, TLogger>,
    fnOrConfig?: StepFunc<T, TLogger> | StepConfig<T>,
    config?: StepConfig<T>,
  ): DurablePromise<T> {
    return step(
      this.#core,
      nameOrFn as string | StepFunc<T>,
      fnOrConfig as StepFunc<T> | StepConfig<T>,
      config,
    );
  }

  invoke<I, O>(...args: unknown[]): DurablePromise<O> {
    return invoke<I, O>(this.#core, args);
  }

  runInChildContext<T>(
    nameOrFn: string | undefined | ChildFunc<T, TLogger>,
    fnOrConfig?: ChildFunc<T, TLogger> | ChildConfig<T>,
    config?: ChildConfig<T>,
  ): DurablePromise<T> {
    return runInChildContext(
      this.#core,
      createContext,
      nameOrFn as string | ChildFunc<T>,
      fnOrConfig as ChildFunc<T> | ChildConfig<T>,
      config,
    );
  }

  wait(nameOrDuration: string | Duration, duration?: Duration): DurablePromise<void> {
    return wait(this.#core, nameOrDuration, duration);
  }

  waitForCondition<T>(
    nameOrCheck: string | undefined | WaitForConditionCheckFunc<T, TLogger>,
    checkOrConfig: WaitForConditionCheckFunc<T, TLogger> | WaitForConditionConfig<T>,
    config?: WaitForConditionConfig<T>,
  ): DurablePromise<T> {
    return waitForCondition(
      this.#core,
      nameOrCheck as string | WaitForConditionCheckFunc<T>,
      checkOrConfig as WaitForConditionCheckFunc<T> | WaitForConditionConfig<T>,
      config,
    );
  }

  createCallback<T = string>(
    nameOrConfig?: string | CreateCallbackConfig<T>,
    config?: CreateCallbackConfig<T>,
  ): DurablePromise<CreateCallbackResult<T>> {
    return createCallback(this.#core, nameOrConfig, config);
  }

  waitForCallback<T = string>(
    nameOrSubmitter: string | undefined | WaitForCallbackSubmitterFunc<TLogger>,
    submitterOrConfig?: WaitForCallbackSubmitterFunc<TLogger> | WaitForCallbackConfig<T>,
    config?: WaitForCallbackConfig<T>,
  ): DurablePromise<T> {
    return waitForCallback(
      this.#core,
      createContext,
      nameOrSubmitter as string | WaitForCallbackSubmitterFunc,
      submitterOrConfig as WaitForCallbackSubmitterFunc | WaitForCallbackConfig<T>,
      config,
    );
  }

  map<I, O>(...args: unknown[]): DurablePromise<BatchResult<O>> {
    return map<I, O>(this.#core, createContext, args);
  }

  parallel<T>(...args: unknown[]): DurablePromise<BatchResult<T>> {
    return parallel<T>(this.#core, createContext, args);
  }

  configureLogger(config: LoggerConfig<TLogger>): void {
    this.#core.configureLogger(config as LoggerConfig<DurableLogger>);
  }

  configureSerdes(config: SerdesConfig): void {
    this.#core.configureSerdes(config);
  }
}
