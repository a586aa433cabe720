/**
 * The experimental instrumentation plugin contract (spec/sdk-api.md §15): the hooks a plugin may
 * implement and the information each one receives.
 */
import type { DurableExecutionInvocationOutput } from "../protocol/wire.ts";
import type {
  AttemptEndInfoOutcome,
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  PluginInvocationStatus,
  PluginOperationStatus,
} from "./plugin-statuses.ts";

/** What a plugin learns about one durable operation. */
export interface OperationInfo {
  /** Wire id of the operation (hash of its positional step id). */
  id: string;
  name?: string | undefined;
  /** The operation's `OperationType` (STEP, WAIT, CONTEXT, ...). */
  type: string;
  /** The operation's `OperationSubType` (Step, Wait, Parallel, ...). */
  subType?: string | undefined;
  /** Wire id of the enclosing child context; absent at the root. */
  parentId?: string | undefined;
  status?: PluginOperationStatus | undefined;
  startTimestamp?: Date | undefined;
  endTimestamp?: Date | undefined;
  /** The checkpointed serialised result. */
  result?: string | undefined;
  /** The error the operation failed with, rebuilt from its checkpointed form. */
  error?: Error | undefined;
  /** The operation's attempt number (1-based) where it has one (steps, waitForCondition). */
  attempt?: number | undefined;
  /** True when the operation was found in checkpointed state rather than started now. */
  isReplay: boolean;
}

/** What `onOperationEnd` receives. */
export interface OperationEndInfo extends OperationInfo {
  error?: Error | undefined;
}

/** What the attempt hooks receive: one run of a step or condition-check function. */
export interface AttemptInfo extends OperationInfo {
  attempt: number;
}

/** What `onOperationAttemptEnd` receives. */
export interface AttemptEndInfo extends AttemptInfo {
  outcome: AttemptEndInfoOutcome;
  error?: Error | undefined;
}

/** What `wrapChildContextFn` receives about the child context whose function runs. */
export interface ChildContextInfo extends OperationInfo {
  /** True when the function re-runs over checkpointed children, which then replay. */
  isReplayingChildren: boolean;
}

/** What every invocation hook receives. */
export interface InvocationBaseInfo {
  /** The Lambda request id of the invocation. */
  requestId: string;
  executionArn: string;
  /** The execution input the handler receives. */
  executionInput: unknown;
  /** Every operation known to the invocation, by wire id. */
  operations: Record<string, OperationInfo>;
  /** When the execution started (the same for every invocation of it). */
  executionStartTimestamp?: Date | undefined;
}

/** What `onInvocationStart` and `wrapInvocation` receive. */
export interface InvocationInfo extends InvocationBaseInfo {
  /** True for the invocation that starts the execution, false for replays. */
  isFirstInvocation: boolean;
  /** Operations the service changed since the previous invocation (timers fired, callbacks sent). */
  updatedOperations: Record<string, OperationInfo>;
}

/** What `onInvocationEnd` receives. */
export interface InvocationEndInfo extends InvocationBaseInfo {
  /** The first-invocation flag of this same invocation. */
  isFirstInvocation: boolean;
  status: PluginInvocationStatus;
  executionResult?: unknown;
  executionError?: Error | undefined;
}

/** What `onOperationChange` receives when a checkpoint response changed operation statuses. */
export interface OperationChangeInfo {
  executionArn: string;
  /** The operations whose status changed, by wire id. */
  updatedOperations: Record<string, OperationInfo>;
  /** Every operation known to the invocation, by wire id. */
  operations: Record<string, OperationInfo>;
}

/** What a wrapped user function returns (a promise for async functions). */
export type CustomerFnResult = unknown;
/** A user function a plugin may wrap; it must be called at most once. */
export type CustomerFn = () => CustomerFnResult;

/**
 * An instrumentation plugin: every hook is optional. The `on…` hooks are awaited before the SDK
 * goes past the point they report, hooks of several plugins run concurrently, and whatever a hook
 * throws or rejects with is swallowed. `wrap…` hooks run the given function inside their own
 * code (plugins earlier in the list wrap the later ones).
 */
export interface DurableInstrumentationPlugin {
  onInvocationStart?(info: InvocationInfo): Promise<void>;
  wrapInvocation?(
    info: InvocationInfo,
    fn: () => Promise<DurableExecutionInvocationOutput>,
  ): Promise<DurableExecutionInvocationOutput>;
  onInvocationEnd?(info: InvocationEndInfo): Promise<void>;
  onOperationStart?(info: OperationInfo): Promise<void>;
  wrapChildContextFn?(info: ChildContextInfo, fn: CustomerFn): CustomerFnResult;
  onOperationEnd?(info: OperationEndInfo): Promise<void>;
  onOperationAttemptStart?(info: AttemptInfo): Promise<void>;
  wrapOperationAttemptFn?(info: AttemptInfo, fn: CustomerFn): CustomerFnResult;
  onOperationAttemptEnd?(info: AttemptEndInfo): Promise<void>;
  onOperationChange?(info: OperationChangeInfo): Promise<void>;
  /** Extra fields merged into every record of the default logger. */
  enrichLogContext?(): Record<string, string | number | boolean> | undefined;
}

/** The class of a plugin a provider creates. */
export type DurableInstrumentationPluginType<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> = abstract new (...args: never[]) => Plugin;

/**
 * What a module named in `DURABLE_EXECUTION_PLUGINS` exports as `durableExecutionPluginProvider`.
 */
export interface DurableInstrumentationPluginProvider<
  Plugin extends DurableInstrumentationPlugin = DurableInstrumentationPlugin,
> {
  /** The plugin API version the provider was written for. */
  readonly pluginApiVersion: typeof DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION;
  /** The class of the plugins `createPlugin` returns. */
  readonly pluginType: DurableInstrumentationPluginType<Plugin>;
  /** Creates the plugin, once per wrapped handler. */
  createPlugin(): Plugin;
}
