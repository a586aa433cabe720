import { activeScope } from "../context/async-scope.ts";
import { connectLogger, ContextCore } from "../context/context-core.ts";
import type { DurableContext } from "../context/durable-context.ts";
import { DurableContextImpl } from "../context/durable-context-impl.ts";
import { InvocationRuntime } from "../context/invocation-runtime.ts";
import type { Timers } from "../internal/timers.ts";
import { createDefaultLogger, type LogSink } from "../logging/default-logger.ts";
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
}

/** One invocation, once the event is known to be durable and its state is loaded. */
export interface InvocationRequest {
  readonly client: DurableExecutionClient;
  readonly durableExecutionArn: string;
  readonly checkpointToken: string;
  readonly operations: readonly Operation[];
  readonly lambdaContext: LambdaContext;
  readonly services: InvocationServices;
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
  });
  try {
    const logger = createDefaultLogger({
      level: request.services.logLevel ?? process.env.AWS_LAMBDA_LOG_LEVEL,
      sink: request.services.logSink,
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
    });
    connectLogger(logger, root);
    const context = new DurableContextImpl(root);
    const handlerOutcome = activeScope.run(root, callHandler, handler, input, context);
    const terminated = runtime.termination.promise.then((termination): FirstOutcome => ({
      kind: "terminated",
      termination,
    }));
    const first: FirstOutcome = await Promise.race([handlerOutcome, terminated]);
    if (first.kind === "returned") return await outcomeOfResult(runtime, first.value);
    if (first.kind === "threw") return await outcomeOfError(runtime, first.error);
    return await outcomeOfTermination(runtime, first.termination);
  } finally {
    runtime.dispose();
  }
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
