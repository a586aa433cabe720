import { activeScope } from "../context/async-scope.ts";
import { connectLogger, ContextCore } from "../context/context-core.ts";
import type { DurableContext } from "../context/durable-context.ts";
import { DurableContextImpl } from "../context/durable-context-impl.ts";
import { InvocationRuntime } from "../context/invocation-runtime.ts";
import type { Timers } from "../internal/timers.ts";
import { createDefaultLogger, type LogSink } from "../logging/default-logger.ts";
import {
  type InvocationEnding,
  invocationEndInfo,
  invocationInfo,
} from "../plugins/invocation-info.ts";
import type { LoadPluginsOptions } from "../plugins/load-plugins.ts";
import type { PluginRunner } from "../plugins/plugin-runner.ts";
import type {
  DurableExecutionClient,
  DurableExecutionInvocationOutput,
  Operation,
} from "../protocol/wire.ts";
import { ExecutionMode } from "../replay/execution-mode.ts";
import type { TerminationResult } from "../replay/termination.ts";
import { defaultSerdes } from "../serdes/default-serdes.ts";
import type { DurableExecutionHandler } from "./durable-execution-config.ts";
import { outcomeOfError, outcomeOfResult, outcomeOfTermination } from "./invocation-outcome.ts";
import type { LambdaContext } from "./lambda-context.ts";

/** Replaceable services of an invocation (tests pass their own timers). */
export interface InvocationServices {
  readonly timers: Timers;
  readonly suspensionCooldownMs?: number | undefined;
  /** Minimum level of the default logger; default: `AWS_LAMBDA_LOG_LEVEL` when the invocation starts. */
  readonly logLevel?: string | undefined;
  readonly logSink?: LogSink | undefined;
  /** Where plugins named in `DURABLE_EXECUTION_PLUGINS` are looked up (tests). */
  readonly pluginLoading?: LoadPluginsOptions | undefined;
}

/** One invocation, once the event is known to be durable and its state is loaded. */
export interface InvocationRequest {
  readonly client: DurableExecutionClient;
  readonly durableExecutionArn: string;
  readonly checkpointToken: string;
  readonly operations: readonly Operation[];
  readonly lambdaContext: LambdaContext;
  readonly services: InvocationServices;
  /** The instrumentation plugins; undefined when there are none. */
  readonly plugins?: PluginRunner | undefined;
  /** `UpdatedOperationIds` of the invocation event. */
  readonly updatedOperationIds?: readonly string[] | undefined;
  /** `pluginsConfig.childOperationsDepth` (already validated). */
  readonly childOperationsDepth?: number | undefined;
}

type HandlerOutcome = { kind: "returned"; value: unknown } | { kind: "threw"; error: unknown };
type FirstOutcome = HandlerOutcome | { kind: "terminated"; termination: TerminationResult };

/**
 * Runs the handler over the loaded operations and maps how it ended to the invocation output: its
 * promise races the termination signal (suspension, violations, checkpoint failure).
 */
export async function runInvocation(
  handler: DurableExecutionHandler,
  request: InvocationRequest,
): Promise<DurableExecutionInvocationOutput> {
  const input: unknown = JSON.parse(request.operations[0]?.ExecutionDetails?.InputPayload ?? "{}");
  const runtime = new InvocationRuntime({
    client: request.client,
    durableExecutionArn: request.durableExecutionArn,
    checkpointToken: request.checkpointToken,
    operations: request.operations,
    lambdaContext: request.lambdaContext,
    timers: request.services.timers,
    suspensionCooldownMs: request.services.suspensionCooldownMs,
    plugins: request.plugins,
    updatedOperationIds: request.updatedOperationIds,
  });
  try {
    const plugins = request.plugins;
    const logger = createDefaultLogger({
      level: request.services.logLevel ?? process.env.AWS_LAMBDA_LOG_LEVEL,
      sink: request.services.logSink,
      enrich: plugins?.has("enrichLogContext") ? () => plugins.enrichLogContext() : undefined,
    });
    const root = new ContextCore({
      runtime,
      contextId: "root",
      operationId: undefined,
      operationName: undefined,
      parentId: undefined,
      stepIdPrefix: "",
      mode: request.operations.length > 1 ? ExecutionMode.ReplayMode : ExecutionMode.ExecutionMode,
      lifecycle: runtime.monitor.root,
      logger,
      modeAware: true,
      serdes: defaultSerdes,
      callbackDeserializer: undefined,
      preserveChildDepth: rootPreserveChildDepth(request.childOperationsDepth),
    });
    connectLogger(logger, root);
    const context = new DurableContextImpl(root);
    const execute = async (onEnd?: (ending: InvocationEnding) => Promise<void>) => {
      const handlerOutcome = activeScope.run(root, callHandler, handler, input, context);
      const terminated = runtime.termination.promise.then((termination): FirstOutcome => ({
        kind: "terminated",
        termination,
      }));
      const first: FirstOutcome = await Promise.race([handlerOutcome, terminated]);
      let output: DurableExecutionInvocationOutput;
      try {
        if (first.kind === "returned") output = await outcomeOfResult(runtime, first.value);
        else if (first.kind === "threw") output = await outcomeOfError(runtime, first.error);
        else output = await outcomeOfTermination(runtime, first.termination);
      } catch (thrown) {
        await onEnd?.({ thrown });
        throw thrown;
      }
      await onEnd?.({ output, ...outcomeFields(first) });
      return output;
    };
    if (plugins === undefined || runtime.plugins === undefined) return await execute();
    const hooks = runtime.plugins;
    const info = invocationInfo({
      requestId: runtime.logBase.requestId,
      executionArn: request.durableExecutionArn,
      executionInput: input,
      operations: request.operations,
      updatedOperationIds: request.updatedOperationIds,
    });
    await hooks.notify("onInvocationStart", info);
    return await plugins.wrap("wrapInvocation", info, () =>
      execute((ending) =>
        hooks.notify("onInvocationEnd", invocationEndInfo(info, ending, runtime.state.values())),
      ),
    );
  } finally {
    runtime.dispose();
  }
}

/** The handler's value or the failure's cause, for plugins. */
function outcomeFields(first: FirstOutcome): { result?: unknown; error?: unknown } {
  if (first.kind === "returned") return { result: first.value };
  if (first.kind === "threw") return { error: first.error };
  return first.termination.error === undefined ? {} : { error: first.termination.error };
}

/**
 * The root's budget of child levels whose children are preserved: `childOperationsDepth` counts
 * from the root's children (1 = the children of top-level contexts), and every child context
 * takes one level off before it decides.
 */
function rootPreserveChildDepth(childOperationsDepth: number | undefined): number {
  if (childOperationsDepth === undefined || childOperationsDepth <= 0) return 0;
  if (childOperationsDepth === Number.POSITIVE_INFINITY) return childOperationsDepth;
  return childOperationsDepth + 1;
}

async function callHandler(
  handler: DurableExecutionHandler,
  input: unknown,
  context: DurableContext,
): Promise<HandlerOutcome> {
  try {
    return { kind: "returned", value: await handler(input, context) };
  } catch (error) {
    return { kind: "threw", error };
  }
}
