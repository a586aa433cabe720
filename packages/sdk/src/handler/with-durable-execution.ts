import {
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
} from "../errors/durable-execution-client-error.ts";
import { isKmsError } from "../checkpoint/classify-checkpoint-error.ts";
import { errorObjectOf } from "../errors/error-object.ts";
import { noop } from "../internal/never.ts";
import { systemTimers } from "../internal/timers.ts";
import type { DurableLogger } from "../logging/durable-logger.ts";
import { loadPlugins } from "../plugins/load-plugins.ts";
import { PluginRunner } from "../plugins/plugin-runner.ts";
import type {
  DurableExecutionClient,
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
} from "../protocol/wire.ts";
import { DurableExecutionApiClient } from "../transport/durable-execution-api-client.ts";
import { DurableExecutionInvocationInputWithClient } from "../protocol/durable-execution-invocation-input-with-client.ts";
import type {
  DurableExecutionConfig,
  DurableExecutionHandler,
  DurableLambdaHandler,
} from "./durable-execution-config.ts";
import { loadExecutionState } from "./load-execution-state.ts";
import { type InvocationServices, runInvocation } from "./run-invocation.ts";

/** Thrown for an event that is not a durable invocation. */
export const UNEXPECTED_PAYLOAD_MESSAGE: string =
  "Unexpected payload provided to start the durable execution.\n" +
  "Check your resource configurations to confirm the durability is set.";

/** Wraps a durable handler into the Lambda handler the service (or Durably's engine) invokes. */
export function withDurableExecution<
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
>(
  handler: DurableExecutionHandler<TEvent, TResult, TLogger>,
  config?: DurableExecutionConfig,
): DurableLambdaHandler {
  return createDurableLambdaHandler(handler as unknown as DurableExecutionHandler, config, {
    timers: systemTimers,
  });
}

/** {@link withDurableExecution} with its services given (tests replace timers and log sink). */
export function createDurableLambdaHandler(
  handler: DurableExecutionHandler,
  config: DurableExecutionConfig | undefined,
  services: InvocationServices,
): DurableLambdaHandler {
  // Loading starts with the handler (a cold start); a failure fails every invocation.
  const pluginsLoaded = loadPlugins(config?.plugins, services.pluginLoading).then((plugins) =>
    plugins.length === 0 ? undefined : new PluginRunner(plugins),
  );
  pluginsLoaded.then(undefined, noop);
  return async (event, lambdaContext) => {
    if (!isDurableInvocationEvent(event)) throw new Error(UNEXPECTED_PAYLOAD_MESSAGE);
    try {
      const configError = validateConfig(config);
      if (configError !== undefined) return failed(configError);
      let plugins: PluginRunner | undefined;
      try {
        plugins = await pluginsLoaded;
      } catch (error) {
        return failed(error);
      }
      const client = selectClient(event, config);
      const operations = await loadExecutionState(client, event);
      return await runInvocation(handler, {
        client,
        durableExecutionArn: event.DurableExecutionArn,
        checkpointToken: event.CheckpointToken,
        operations,
        lambdaContext,
        services,
        plugins,
        updatedOperationIds: event.UpdatedOperationIds,
        childOperationsDepth: config?.pluginsConfig?.childOperationsDepth,
      });
    } catch (error) {
      if (isExecutionScoped(error)) return failed(error);
      throw error;
    }
  };
}

function isDurableInvocationEvent(event: unknown): event is DurableExecutionInvocationInput {
  if (typeof event !== "object" || event === null) return false;
  const candidate = event as Partial<DurableExecutionInvocationInput>;
  return Boolean(candidate.DurableExecutionArn) && Boolean(candidate.CheckpointToken);
}

function validateConfig(config: DurableExecutionConfig | undefined): Error | undefined {
  if (config?.client !== undefined && config.durableExecutionClient !== undefined) {
    return new Error(
      "DurableExecutionConfig accepts either client or durableExecutionClient, not both.",
    );
  }
  const depth = config?.pluginsConfig?.childOperationsDepth;
  if (
    depth !== undefined &&
    depth !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(depth) && depth >= 0)
  ) {
    return new Error(
      `pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity; got ${depth}.`,
    );
  }
  return undefined;
}

function selectClient(
  event: DurableExecutionInvocationInput,
  config: DurableExecutionConfig | undefined,
): DurableExecutionClient {
  if (DurableExecutionInvocationInputWithClient.isInstance(event))
    return event.durableExecutionClient;
  return config?.durableExecutionClient ?? new DurableExecutionApiClient(config?.client);
}

function isExecutionScoped(error: unknown): boolean {
  return (
    (isDurableExecutionClientError(error) &&
      error.scope === DurableExecutionClientErrorScope.EXECUTION) ||
    isKmsError(error)
  );
}

function failed(error: unknown): DurableExecutionInvocationOutput {
  return { Status: "FAILED", Error: errorObjectOf(error) };
}
