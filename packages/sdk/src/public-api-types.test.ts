/**
 * Type-level check of the entry point: the 82 type-only names of spec/sdk-api.md §1.4, each used
 * with the number of type arguments the official package declares, plus the 18 const objects of
 * §1.3 used as types. `tsc -b` fails here when a name is missing or its generics differ.
 */
import { describe, expect, test } from "vitest";
import type {
  AnySerdes,
  AnySerdesDeserializer,
  AttemptEndInfo,
  AttemptEndInfoOutcome,
  AttemptInfo,
  BatchItem,
  BatchItemStatus,
  BatchResult,
  CallbackDetails,
  CallbackOptions,
  ChainedInvokeDetails,
  ChainedInvokeOptions,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  CheckpointUpdatedExecutionState,
  ChildConfig,
  CompletionConfig,
  CompletionDecision,
  CompletionItemStatus,
  CompletionOutcome,
  CompletionReason,
  CompletionStatus,
  ConcurrencyConfig,
  ConcurrentExecutionItem,
  ConcurrentExecutor,
  ContextDetails,
  ContextOptions,
  CustomCompletionConfig,
  DurableContext,
  DurableContextLogger,
  DurableExecutionClient,
  DurableExecutionClientErrorOptions,
  DurableExecutionClientErrorScope,
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
  DurableInstrumentationPluginType,
  DurableLambdaHandler,
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  Duration,
  ErrorObject,
  ExecutionDetails,
  FieldMatchMode,
  FileSystemPathEncoding,
  FileSystemSerdesConfig,
  FileSystemSerdesMode,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  InvocationEndInfo,
  InvocationInfo,
  InvocationStatus,
  InvokeConfig,
  JitterStrategy,
  LinearRetryStrategyConfig,
  MapConfig,
  MapFunc,
  NestingType,
  Operation,
  OperationAction,
  OperationChangeInfo,
  OperationEndInfo,
  OperationInfo,
  OperationStatus,
  OperationSubType,
  OperationType,
  OperationUpdate,
  PluginInvocationStatus,
  PluginOperationStatus,
  PreviewConfig,
  PreviewField,
  PreviewMode,
  RetryableFunc,
  RetryDecision,
  RetryStrategyConfig,
  Serdes,
  SerdesConfig,
  SerdesContext,
  StepConfig,
  StepDetails,
  StepFunc,
  StepOptions,
  StepSemantics,
  ThresholdCompletionConfig,
  WaitDetails,
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
  WaitOptions,
  WaitStrategyConfig,
  WireOperation,
  WireStepDetails,
  WireTimestamp,
  WireWaitDetails,
  WithRetryConfig,
} from "./index.ts";

/**
 * Every §1.4 name, instantiated as user code written for the official package would (tuples list
 * the forms with and without the optional type arguments).
 */
interface TypeOnlyExports {
  // Core and handler
  DurableContext: [DurableContext, DurableContext<DurableLogger>];
  DurableExecutionHandler: [
    DurableExecutionHandler,
    DurableExecutionHandler<{ id: string }, number, DurableLogger>,
  ];
  DurableLambdaHandler: DurableLambdaHandler;
  DurableExecutionConfig: DurableExecutionConfig;
  DurableExecutionClient: DurableExecutionClient;
  DurableExecutionInvocationInput: DurableExecutionInvocationInput;
  DurableExecutionInvocationOutput: DurableExecutionInvocationOutput;
  Duration: Duration;
  // Operation configs and functions
  StepConfig: StepConfig<string>;
  StepFunc: [StepFunc<string>, StepFunc<string, DurableLogger>];
  RetryDecision: RetryDecision;
  RetryStrategyConfig: RetryStrategyConfig;
  LinearRetryStrategyConfig: LinearRetryStrategyConfig;
  ChildConfig: ChildConfig<string>;
  InvokeConfig: InvokeConfig<string, number>;
  MapFunc: MapFunc<string, number, DurableLogger>;
  MapConfig: MapConfig<string, number>;
  ConcurrentExecutionItem: ConcurrentExecutionItem<string>;
  ConcurrentExecutor: ConcurrentExecutor<string, number, DurableLogger>;
  ConcurrencyConfig: ConcurrencyConfig<number>;
  WaitForConditionCheckFunc: [
    WaitForConditionCheckFunc<number>,
    WaitForConditionCheckFunc<number, DurableLogger>,
  ];
  WaitForConditionConfig: WaitForConditionConfig<number>;
  WaitForConditionDecision: WaitForConditionDecision;
  WaitForConditionWaitStrategyFunc: WaitForConditionWaitStrategyFunc<number>;
  WaitStrategyConfig: WaitStrategyConfig<number>;
  WithRetryConfig: WithRetryConfig<number>;
  RetryableFunc: RetryableFunc<number>;
  // Batch
  BatchItem: BatchItem<number>;
  BatchResult: BatchResult<number>;
  CompletionConfig: CompletionConfig;
  ThresholdCompletionConfig: ThresholdCompletionConfig;
  CustomCompletionConfig: CustomCompletionConfig;
  CompletionReason: CompletionReason;
  CompletionStatus: CompletionStatus;
  CompletionItemStatus: CompletionItemStatus;
  CompletionDecision: CompletionDecision;
  // Logging
  DurableLogger: DurableLogger;
  DurableContextLogger: DurableContextLogger<DurableLogger>;
  DurableLogData: DurableLogData;
  DurableLoggingContext: DurableLoggingContext;
  // Serdes
  Serdes: Serdes<number>;
  SerdesContext: SerdesContext;
  SerdesConfig: SerdesConfig;
  AnySerdes: AnySerdes;
  AnySerdesDeserializer: AnySerdesDeserializer;
  FileSystemSerdesConfig: FileSystemSerdesConfig;
  PreviewField: PreviewField;
  PreviewConfig: PreviewConfig;
  // Wire model
  WireTimestamp: WireTimestamp;
  Operation: Operation;
  WireOperation: WireOperation;
  OperationUpdate: OperationUpdate;
  ErrorObject: ErrorObject;
  ExecutionDetails: ExecutionDetails;
  ContextDetails: ContextDetails;
  StepDetails: StepDetails;
  WireStepDetails: WireStepDetails;
  WaitDetails: WaitDetails;
  WireWaitDetails: WireWaitDetails;
  CallbackDetails: CallbackDetails;
  ChainedInvokeDetails: ChainedInvokeDetails;
  ContextOptions: ContextOptions;
  StepOptions: StepOptions;
  WaitOptions: WaitOptions;
  CallbackOptions: CallbackOptions;
  ChainedInvokeOptions: ChainedInvokeOptions;
  CheckpointUpdatedExecutionState: CheckpointUpdatedExecutionState;
  CheckpointDurableExecutionRequest: CheckpointDurableExecutionRequest;
  CheckpointDurableExecutionResponse: CheckpointDurableExecutionResponse;
  GetDurableExecutionStateRequest: GetDurableExecutionStateRequest;
  GetDurableExecutionStateResponse: GetDurableExecutionStateResponse;
  // Errors and transport
  DurableExecutionClientErrorOptions: DurableExecutionClientErrorOptions;
  // Plugins
  DurableInstrumentationPlugin: DurableInstrumentationPlugin;
  DurableInstrumentationPluginProvider: [
    DurableInstrumentationPluginProvider,
    DurableInstrumentationPluginProvider<DurableInstrumentationPlugin>,
  ];
  DurableInstrumentationPluginType: [
    DurableInstrumentationPluginType,
    DurableInstrumentationPluginType<DurableInstrumentationPlugin>,
  ];
  InvocationInfo: InvocationInfo;
  InvocationEndInfo: InvocationEndInfo;
  OperationChangeInfo: OperationChangeInfo;
  OperationInfo: OperationInfo;
  OperationEndInfo: OperationEndInfo;
  AttemptInfo: AttemptInfo;
  AttemptEndInfo: AttemptEndInfo;
}

/** The §1.3 enums are types as well as values (`let s: StepSemantics = StepSemantics.…`). */
interface EnumTypes {
  InvocationStatus: InvocationStatus;
  OperationSubType: OperationSubType;
  StepSemantics: StepSemantics;
  JitterStrategy: JitterStrategy;
  BatchItemStatus: BatchItemStatus;
  CompletionOutcome: CompletionOutcome;
  NestingType: NestingType;
  OperationType: OperationType;
  OperationStatus: OperationStatus;
  OperationAction: OperationAction;
  DurableExecutionClientErrorScope: DurableExecutionClientErrorScope;
  PluginInvocationStatus: PluginInvocationStatus;
  PluginOperationStatus: PluginOperationStatus;
  AttemptEndInfoOutcome: AttemptEndInfoOutcome;
  FileSystemSerdesMode: FileSystemSerdesMode;
  FileSystemPathEncoding: FileSystemPathEncoding;
  FieldMatchMode: FieldMatchMode;
  PreviewMode: PreviewMode;
}

// The name lists below must cover the interfaces exactly: a missing or extra key fails `tsc`.
type Exactly<Names extends readonly string[], Keys extends string> = [Keys] extends [Names[number]]
  ? Names
  : { missing: Exclude<Keys, Names[number]> };

const typeOnlyNames = [
  "DurableContext",
  "DurableExecutionHandler",
  "DurableLambdaHandler",
  "DurableExecutionConfig",
  "DurableExecutionClient",
  "DurableExecutionInvocationInput",
  "DurableExecutionInvocationOutput",
  "Duration",
  "StepConfig",
  "StepFunc",
  "RetryDecision",
  "RetryStrategyConfig",
  "LinearRetryStrategyConfig",
  "ChildConfig",
  "InvokeConfig",
  "MapFunc",
  "MapConfig",
  "ConcurrentExecutionItem",
  "ConcurrentExecutor",
  "ConcurrencyConfig",
  "WaitForConditionCheckFunc",
  "WaitForConditionConfig",
  "WaitForConditionDecision",
  "WaitForConditionWaitStrategyFunc",
  "WaitStrategyConfig",
  "WithRetryConfig",
  "RetryableFunc",
  "BatchItem",
  "BatchResult",
  "CompletionConfig",
  "ThresholdCompletionConfig",
  "CustomCompletionConfig",
  "CompletionReason",
  "CompletionStatus",
  "CompletionItemStatus",
  "CompletionDecision",
  "DurableLogger",
  "DurableContextLogger",
  "DurableLogData",
  "DurableLoggingContext",
  "Serdes",
  "SerdesContext",
  "SerdesConfig",
  "AnySerdes",
  "AnySerdesDeserializer",
  "FileSystemSerdesConfig",
  "PreviewField",
  "PreviewConfig",
  "WireTimestamp",
  "Operation",
  "WireOperation",
  "OperationUpdate",
  "ErrorObject",
  "ExecutionDetails",
  "ContextDetails",
  "StepDetails",
  "WireStepDetails",
  "WaitDetails",
  "WireWaitDetails",
  "CallbackDetails",
  "ChainedInvokeDetails",
  "ContextOptions",
  "StepOptions",
  "WaitOptions",
  "CallbackOptions",
  "ChainedInvokeOptions",
  "CheckpointUpdatedExecutionState",
  "CheckpointDurableExecutionRequest",
  "CheckpointDurableExecutionResponse",
  "GetDurableExecutionStateRequest",
  "GetDurableExecutionStateResponse",
  "DurableExecutionClientErrorOptions",
  "DurableInstrumentationPlugin",
  "DurableInstrumentationPluginProvider",
  "DurableInstrumentationPluginType",
  "InvocationInfo",
  "InvocationEndInfo",
  "OperationChangeInfo",
  "OperationInfo",
  "OperationEndInfo",
  "AttemptInfo",
  "AttemptEndInfo",
] as const satisfies readonly (keyof TypeOnlyExports)[];
const coveredTypeOnly: Exactly<typeof typeOnlyNames, keyof TypeOnlyExports> = typeOnlyNames;

const enumTypeNames = [
  "InvocationStatus",
  "OperationSubType",
  "StepSemantics",
  "JitterStrategy",
  "BatchItemStatus",
  "CompletionOutcome",
  "NestingType",
  "OperationType",
  "OperationStatus",
  "OperationAction",
  "DurableExecutionClientErrorScope",
  "PluginInvocationStatus",
  "PluginOperationStatus",
  "AttemptEndInfoOutcome",
  "FileSystemSerdesMode",
  "FileSystemPathEncoding",
  "FieldMatchMode",
  "PreviewMode",
] as const satisfies readonly (keyof EnumTypes)[];
const coveredEnums: Exactly<typeof enumTypeNames, keyof EnumTypes> = enumTypeNames;

describe("public API types", () => {
  test("lists the 82 type-only names of §1.4, each once", () => {
    expect(coveredTypeOnly).toHaveLength(82);
    expect(new Set(coveredTypeOnly).size).toBe(82);
  });

  test("lists the 18 enum names of §1.3 as types, each once", () => {
    expect(coveredEnums).toHaveLength(18);
    expect(new Set(coveredEnums).size).toBe(18);
  });
});
