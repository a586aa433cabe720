/**
 * @durably/sdk — write durable functions. Drop-in for `@aws/durable-execution-sdk-js`: the same
 * names, values, defaults, messages, operation ids and checkpoint updates.
 */
export * from "./protocol/index.ts";

// Handler wrapper and transport
/** Wraps a durable handler into a Lambda handler. */
export { withDurableExecution } from "./handler/with-durable-execution.ts";
/** Handler, Lambda handler and configuration types of `withDurableExecution`. */
export type {
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableLambdaHandler,
} from "./handler/durable-execution-config.ts";
/** The official SDK version this SDK is compatible with. */
export { SDK_VERSION } from "./handler/sdk-version.ts";
/** The Lambda context object (the fields of `aws-lambda`'s `Context`). */
export type { LambdaContext } from "./handler/lambda-context.ts";
/** An invocation event that carries its own transport (test harnesses, Durably's engine). */
export { DurableExecutionInvocationInputWithClient } from "./protocol/durable-execution-invocation-input-with-client.ts";
/** The transport of the official service, through `@aws-sdk/client-lambda`. */
export { DurableExecutionApiClient } from "./transport/durable-execution-api-client.ts";

// Context and operations
/** The durable context and the facts about its execution. */
export type { DurableContext, ExecutionContext } from "./context/durable-context.ts";
/** A length of time for waits and retry delays. */
export type { Duration } from "./context/duration.ts";
/** The `SubType` recorded for each kind of operation. */
export { OperationSubType } from "./context/operation-sub-type.ts";
/** Step body, step body context and step options. */
export type { StepConfig, StepContext, StepFunc } from "./operations/step/step-config.ts";
/** Child context code and options. */
export type { ChildConfig, ChildFunc } from "./operations/child/child-config.ts";
/** Chained-invoke options. */
export type { InvokeConfig } from "./operations/invoke/invoke.ts";
/** Callback options and result. */
export type {
  CreateCallbackConfig,
  CreateCallbackResult,
} from "./operations/callback/create-callback.ts";
/** waitForCallback submitter, its context and options. */
export type {
  WaitForCallbackConfig,
  WaitForCallbackContext,
  WaitForCallbackSubmitterFunc,
} from "./operations/wait-for-callback/wait-for-callback.ts";
/** waitForCondition check, its context and options. */
export type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionContext,
} from "./operations/wait-for-condition/wait-for-condition.ts";
/** The `context.promise` combinators. */
export type { DurablePromiseCombinators } from "./operations/promise-combinators/promise-combinators.ts";
/** Retries a block of durable code with durable backoff waits. */
export { withRetry } from "./operations/with-retry/with-retry.ts";
/** withRetry's function and options. */
export type { RetryableFunc, WithRetryConfig } from "./operations/with-retry/with-retry.ts";
/** map: item function and options. */
export type { MapConfig, MapFunc } from "./operations/map/map.ts";
/** map item batching (Durably extension): batcher options, the batch and the batch function. */
export type { ItemBatcher, MapBatchFunc, MapItemBatch } from "./operations/map/item-batcher.ts";
/** parallel: branch, named branch and options. */
export type {
  NamedParallelBranch,
  ParallelConfig,
  ParallelFunc,
} from "./operations/parallel/parallel.ts";
/** The result of map/parallel and its items. */
export type { BatchItem, BatchResult } from "./operations/batch/batch-result.ts";
/** Completion configuration of map/parallel. */
export type {
  CompletionConfig,
  CompletionItemStatus,
  CompletionReason,
  CompletionStatus,
  CustomCompletionConfig,
  ThresholdCompletionConfig,
} from "./operations/batch/completion-config.ts";
/** Options shared by map and parallel, generic over the item result like the official type. */
export type { BatchConfig as ConcurrencyConfig } from "./operations/batch/start-batch.ts";
/** A batch item with its replay identity, and the function that runs one. */
export type {
  ConcurrentExecutionItem,
  ConcurrentExecutor,
} from "./operations/batch/concurrent-executor.ts";
/** Status of one item of a map/parallel batch. */
export { BatchItemStatus } from "./operations/batch/batch-item-status.ts";
/** Custom batch completion: outcome, decision and its factories. */
export {
  completeBatch,
  CompletionOutcome,
  continueBatch,
} from "./operations/batch/completion-decision.ts";
/** The decision a custom `shouldComplete` returns. */
export type { CompletionDecision } from "./operations/batch/completion-decision.ts";
/** How map/parallel items are nested. */
export { NestingType } from "./operations/batch/nesting-type.ts";
/** When a step's START is made durable relative to its body. */
export { StepSemantics } from "./operations/step/step-semantics.ts";
/** The promise every context method returns. */
export { DurablePromise } from "./promise/durable-promise.ts";

// Retry and wait strategies
/** Exponential-backoff retry strategy factory. */
export { createRetryStrategy } from "./retry/create-retry-strategy.ts";
/** Linear-backoff retry strategy factory. */
export { createLinearRetryStrategy } from "./retry/create-linear-retry-strategy.ts";
/** Ready-made retry strategies: default, linear, noRetry. */
export { retryPresets } from "./retry/retry-presets.ts";
/** Randomness applied to retry delays. */
export { JitterStrategy } from "./retry/jitter-strategy.ts";
/** Retry decision, strategy and strategy option types. */
export type {
  LinearRetryStrategyConfig,
  RetryDecision,
  RetryStrategy,
  RetryStrategyConfig,
} from "./retry/retry-decision.ts";
/** Polling strategy factory for waitForCondition. */
export { createWaitStrategy } from "./retry/create-wait-strategy.ts";
/** Wait strategy types for waitForCondition. */
export type {
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
  WaitStrategyConfig,
} from "./retry/create-wait-strategy.ts";

// Serdes
/** JSON serdes; `undefined` stays `undefined`. */
export { defaultSerdes } from "./serdes/default-serdes.ts";
/** JSON serdes that rebuilds a class instance. */
export { createClassSerdes } from "./serdes/create-class-serdes.ts";
/** Class serdes that also turns dotted paths into `Date`s. */
export { createClassSerdesWithDates } from "./serdes/create-class-serdes-with-dates.ts";
/** Serdes types. */
export type {
  AnySerdes,
  AnySerdesDeserializer,
  Serdes,
  SerdesConfig,
  SerdesContext,
} from "./serdes/serdes.ts";

/** Serdes that keeps values in files under a base path (a shared mount). */
export { createFileSystemSerdes } from "./serdes/create-file-system-serdes.ts";
/** Builds a masked, filtered, size-capped preview of a value. */
export { buildPreview } from "./serdes/build-preview.ts";
/** File-system serdes and preview options. */
export {
  FieldMatchMode,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  PreviewMode,
} from "./serdes/file-system-serdes-options.ts";
/** Option types of the file-system serdes and of previews. */
export type {
  FileSystemSerdesConfig,
  PreviewConfig,
  PreviewField,
} from "./serdes/file-system-serdes-options.ts";

// Plugins (experimental)
/** Statuses and API version of the instrumentation plugin API. */
export {
  AttemptEndInfoOutcome,
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  PluginInvocationStatus,
  PluginOperationStatus,
} from "./plugins/plugin-statuses.ts";
/** The instrumentation plugin contract, its hook infos and its provider (for DURABLE_EXECUTION_PLUGINS). */
export type {
  AttemptEndInfo,
  AttemptInfo,
  ChildContextInfo,
  CustomerFn,
  CustomerFnResult,
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
  DurableInstrumentationPluginType,
  InvocationBaseInfo,
  InvocationEndInfo,
  InvocationInfo,
  OperationChangeInfo,
  OperationEndInfo,
  OperationInfo,
} from "./plugins/durable-instrumentation-plugin.ts";

// Logging
/** Logger types of the durable context. */
export type {
  DurableContextLogger,
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  DurableLogLevel,
  LoggerConfig,
} from "./logging/durable-logger.ts";

/** Kept for compatibility: this SDK has no internal debug output to configure. */
export { refreshLogConfig } from "./logging/refresh-log-config.ts";

// Errors
/** Durable operation errors, rebuilt from their wire form on replay. */
export {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableOperationError,
  InvokeError,
  PromiseCombinatorError,
  StepError,
  WaitForConditionError,
} from "./errors/durable-operation-error.ts";
/** What an at-most-once step's retry strategy sees for an interrupted attempt. */
export { StepInterruptedError } from "./errors/step-interrupted-error.ts";
/** The error a transport throws to scope a failure to the invocation or the execution. */
export {
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
} from "./errors/durable-execution-client-error.ts";
/** Options of `DurableExecutionClientError`. */
export type { DurableExecutionClientErrorOptions } from "./errors/durable-execution-client-error.ts";
/** Replay found a recorded operation that differs from what the code does now. */
export { NonDeterministicExecutionError } from "./errors/non-deterministic-execution-error.ts";
/** An instrumentation plugin could not be loaded. */
export { PluginLoadError } from "./errors/plugin-load-error.ts";
