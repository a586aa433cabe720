import { createContextLogger } from "../logging/context-logger.ts";
import type {
  DurableContextLogger,
  DurableLogger,
  LoggerConfig,
} from "../logging/durable-logger.ts";
import { NEVER, noop } from "../internal/never.ts";
import { DurablePromise } from "../promise/durable-promise.ts";
import { isCompletedStatus } from "../replay/execution-state.ts";
import { ExecutionMode } from "../replay/execution-mode.ts";
import { hashOperationId } from "../replay/operation-id.ts";
import { checkReplayConsistency, type OperationDescriptor } from "../replay/replay-validation.ts";
import type { LifecycleScope } from "../replay/suspension-monitor.ts";
import { TerminationReason } from "../replay/termination.ts";
import type { AnySerdes, AnySerdesDeserializer, SerdesConfig } from "../serdes/serdes.ts";
import {
  activeScope,
  type ActiveScope,
  contextUsageMessage,
  durableLogData,
  type LogBase,
} from "./async-scope.ts";
import type { InvocationRuntime } from "./invocation-runtime.ts";
import { OperationHandle } from "./operation-handle.ts";

/** How a context core starts. */
export interface ContextCoreOptions {
  readonly runtime: InvocationRuntime;
  /** "root" or the child context's step id. */
  readonly contextId: string;
  /** Hashed id of this context's operation; undefined at the root. */
  readonly operationId: string | undefined;
  readonly operationName: string | undefined;
  /** `ParentId` of the operations created in this context. */
  readonly parentId: string | undefined;
  /** Prefix of the step ids allocated here ("" at the root, "<stepId>-" in a child). */
  readonly stepIdPrefix: string;
  readonly mode: ExecutionMode;
  readonly lifecycle: LifecycleScope;
  readonly logger: DurableLogger;
  readonly modeAware: boolean;
  readonly serdes: AnySerdes;
  readonly callbackDeserializer: AnySerdesDeserializer | undefined;
  /**
   * How many more levels of child contexts below this one keep their children for later
   * invocations (`pluginsConfig.childOperationsDepth`); default 0.
   */
  readonly preserveChildDepth?: number | undefined;
}

/** Options of {@link ContextCore.start}. */
export interface StartOptions {
  /** waitForCondition is not checked against its record (spec §13.2). */
  readonly skipReplayCheck?: boolean | undefined;
}

/**
 * The machinery behind one DurableContext: step-id allocation, context-usage validation, replay
 * consistency and mode switching, and the two-phase start of every operation. Operations (one
 * folder each under `operations/`) are written against this class and {@link OperationHandle}.
 */
export class ContextCore implements ActiveScope {
  readonly runtime: InvocationRuntime;
  readonly contextId: string;
  readonly operationId: string | undefined;
  readonly operationName: string | undefined;
  readonly attempt: undefined = undefined;
  readonly parentId: string | undefined;
  readonly lifecycle: LifecycleScope;
  readonly logBase: LogBase;
  /** `context.logger`. */
  readonly logger: DurableContextLogger<DurableLogger>;
  mode: ExecutionMode;
  /** Default serdes of operations created here. */
  serdes: AnySerdes;
  /** Default deserializer of callback results (pass-through when undefined). */
  callbackDeserializer: AnySerdesDeserializer | undefined;
  /** See {@link ContextCoreOptions.preserveChildDepth}. */
  readonly preserveChildDepth: number;
  readonly #stepIdPrefix: string;
  #counter = 0;
  #durableLogger: DurableLogger;
  #modeAware: boolean;

  constructor(options: ContextCoreOptions) {
    this.runtime = options.runtime;
    this.contextId = options.contextId;
    this.operationId = options.operationId;
    this.operationName = options.operationName;
    this.parentId = options.parentId;
    this.#stepIdPrefix = options.stepIdPrefix;
    this.mode = options.mode;
    this.lifecycle = options.lifecycle;
    this.logBase = options.runtime.logBase;
    this.#durableLogger = options.logger;
    this.#modeAware = options.modeAware;
    this.serdes = options.serdes;
    this.callbackDeserializer = options.callbackDeserializer;
    this.preserveChildDepth = options.preserveChildDepth ?? 0;
    this.logger = createContextLogger({
      currentLogger: () => this.#durableLogger,
      isSuppressed: () => this.#modeAware && activeScope.getStore()?.isReplaying() === true,
    });
  }

  /** True while this context re-runs recorded code. */
  isReplaying(): boolean {
    return this.mode !== ExecutionMode.ExecutionMode;
  }

  /** The logger operations of this context hand to bodies (the unfiltered durable logger). */
  get durableLogger(): DurableLogger {
    return this.#durableLogger;
  }

  /** Whether `context.logger` drops calls made during replay. */
  get modeAware(): boolean {
    return this.#modeAware;
  }

  /** `context.configureLogger`. */
  configureLogger(config: LoggerConfig<DurableLogger>): void {
    if (config.customLogger !== undefined) {
      this.#durableLogger = config.customLogger;
      connectLogger(config.customLogger, this);
    }
    if (config.modeAware !== undefined) this.#modeAware = config.modeAware;
  }

  /** `context.configureSerdes`. */
  configureSerdes(config: SerdesConfig): void {
    if (config.defaultSerdes !== undefined) this.serdes = config.defaultSerdes;
    if (config.defaultCallbackDeserializer !== undefined)
      this.callbackDeserializer = config.defaultCallbackDeserializer;
  }

  /**
   * Starts an operation: validates context usage, allocates its step id, checks the record and
   * runs `run` (phase 1) at once with its rejection pre-handled. The returned promise joins it,
   * through `join` when given. A terminating invocation gets a promise that never settles.
   */
  start<P, T = P>(
    method: string,
    descriptor: OperationDescriptor,
    run: (operation: OperationHandle) => Promise<P>,
    join?: (phase1: Promise<P>, operation: OperationHandle) => Promise<T>,
    options?: StartOptions,
  ): DurablePromise<T> {
    const operation = this.begin(method, descriptor, options);
    if (operation === undefined) return neverSettling<T>();
    let phase1: Promise<P>;
    try {
      phase1 = run(operation);
    } catch (error) {
      phase1 = Promise.reject(error);
    }
    phase1.then(undefined, noop);
    if (operation.leavesReplay) this.mode = ExecutionMode.ExecutionMode;
    if (join === undefined) return new DurablePromise(() => phase1 as unknown as Promise<T>);
    return new DurablePromise(() => join(phase1, operation));
  }

  /**
   * Validation, allocation and replay checks without running anything; undefined when the
   * invocation is terminating (or terminates now because of a violation).
   */
  begin(
    method: string,
    descriptor: OperationDescriptor,
    options?: StartOptions,
  ): OperationHandle | undefined {
    const runtime = this.runtime;
    if (runtime.termination.result !== undefined || runtime.isClosed) return undefined;
    const active = activeScope.getStore();
    if (active !== undefined && active.contextId !== this.contextId) {
      const message = contextUsageMessage(method, active.contextId, this.contextId);
      runtime.terminate(TerminationReason.CONTEXT_VALIDATION_ERROR, new Error(message));
      return undefined;
    }
    const stepId = this.#stepIdPrefix + String(++this.#counter);
    const id = hashOperationId(stepId);
    const record = runtime.state.get(id);
    let leavesReplay = false;
    if (this.mode === ExecutionMode.ReplayMode) {
      if (record === undefined) {
        if (runtime.state.get(hashOperationId(`${stepId}-1`)) === undefined)
          this.mode = ExecutionMode.ExecutionMode;
      } else if (!isCompletedStatus(record.Status)) {
        leavesReplay = true;
      }
    }
    if (options?.skipReplayCheck !== true) {
      const mismatch = checkReplayConsistency(stepId, record, descriptor);
      if (mismatch !== undefined) {
        runtime.terminate(TerminationReason.NON_DETERMINISM, mismatch);
        return undefined;
      }
    }
    // Rebuilding a finished context's result uses completed records only (spec §13.3); a virtual
    // child has no record of its own, only children.
    if (this.mode === ExecutionMode.ReplaySucceededContext && !isCompletedStatus(record?.Status)) {
      const isVirtualChild =
        record === undefined && runtime.state.get(hashOperationId(`${stepId}-1`)) !== undefined;
      if (!isVirtualChild) return undefined;
    }
    return new OperationHandle(this, stepId, id, descriptor, leavesReplay);
  }
}

/** Lets a logger read the durable fields of whatever code is logging. */
export function connectLogger(logger: DurableLogger, fallback: ActiveScope): void {
  logger.configureDurableLoggingContext?.({
    getDurableLogData: () => durableLogData(activeScope.getStore() ?? fallback),
  });
}

function neverSettling<T>(): DurablePromise<T> {
  return new DurablePromise<T>(() => NEVER);
}
