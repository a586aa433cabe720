/**
 * `createEngine`: wires the engine's services around one Store and one Clock.
 */
import { CallbackService } from "../callback/callback-service.ts";
import { CheckpointService } from "../checkpoint/checkpoint-service.ts";
import { createInProcessClient } from "../checkpoint/in-process-client.ts";
import { SystemClock } from "../clock/system-clock.ts";
import { Activity } from "../internal/activity.ts";
import type { EngineConfig, EngineContext, EngineSignals } from "../internal/engine-context.ts";
import { EventHub } from "../internal/event-hub.ts";
import { FunctionRegistry } from "../internal/function-registry.ts";
import { cryptoIds } from "../internal/ids.ts";
import { InvocationRunner } from "../invoker/invocation-runner.ts";
import { WorkerLoop } from "../invoker/worker-loop.ts";
import { ChainedInvokes } from "../lifecycle/chained-invokes.ts";
import { ExecutionService } from "../lifecycle/execution-service.ts";
import { IdleDriver } from "../scheduler/idle-driver.ts";
import { Scheduler } from "../scheduler/scheduler.ts";
import { DurablyEngine } from "./durably-engine.ts";
import type { Engine } from "./engine-api.ts";
import type { AutoAdvancePolicy, EngineOptions } from "./engine-options.ts";

const defaultSafetyPollMs = 5000;

/** Creates an engine (not started: call `start()` to run invocations and timers). */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? new SystemClock();
  const ids = options.ids ?? cryptoIds;
  const config = resolveConfig(options, ids.uuid());
  const reportError = options.onError ?? defaultErrorReporter;
  const activity = new Activity();
  // Services notify each other through these; they are wired below, once everything exists.
  const signals: EngineSignals = {
    timerSet: () => undefined,
    ready: () => undefined,
    executionClosed: () => undefined,
    invocationReleased: () => undefined,
    deliverInvokeResult: async () => undefined,
  };
  const ctx: EngineContext = {
    store: options.store,
    clock,
    ids,
    config,
    functions: new FunctionRegistry(),
    hub: new EventHub(),
    activity,
    signals,
    reportError,
  };
  for (const [name, handler] of Object.entries(options.functions ?? {}))
    ctx.functions.register(name, handler);

  const checkpoints = new CheckpointService(ctx);
  const client = createInProcessClient(checkpoints);
  const executions = new ExecutionService(ctx, (executionId) => {
    const session = checkpoints.sessions.get(executionId);
    return session !== undefined && !session.isReleased;
  });
  const chained = new ChainedInvokes(ctx, executions);
  const runner = new InvocationRunner(ctx, checkpoints, client, chained);
  const workers = new WorkerLoop(ctx, runner);
  const scheduler = new Scheduler(ctx, () => workers.pump());
  const idle = new IdleDriver(ctx, resolvePolicy(options.autoAdvanceTime), {
    isStarted: () => workers.isStarted,
    pump: () => workers.pump(),
    fireDue: () => scheduler.fireDue(),
    progress: () => runner.invokedCount + scheduler.firedCount,
  });
  activity.setQuietListener(() => idle.onQuiet());

  signals.timerSet = (dueAt) => scheduler.notify(dueAt);
  signals.ready = (at) => {
    if (at === undefined || at <= clock.now()) workers.pump();
    else scheduler.notify(at);
  };
  signals.executionClosed = (row) => {
    executions.executionClosed(row);
    ctx.hub.emit({ type: "execution-completed", executionId: row.executionId, status: row.status });
    activity.run(() => chained.executionClosed(row), reportError);
  };
  signals.invocationReleased = (row) => executions.executionClosed(row);
  signals.deliverInvokeResult = (row) => chained.executionClosed(row);

  return new DurablyEngine({
    ctx,
    client,
    executions,
    callbacks: new CallbackService(ctx),
    workers,
    scheduler,
    idle,
  });
}

function resolveConfig(options: EngineOptions, randomId: string): EngineConfig {
  const retry = options.invocationRetry ?? {};
  // A store that announces ready executions is shared by design: poll slowly as a safety net.
  const pollIntervalMs =
    options.pollIntervalMs ??
    (options.store.subscribeReady === undefined ? undefined : defaultSafetyPollMs);
  return {
    workerId: options.workerId ?? `engine-${randomId}`,
    concurrency: positive(options.concurrency, 16, "concurrency"),
    leaseMs: positive(options.leaseMs, 60_000, "leaseMs"),
    invocationRetry: {
      maxAttempts: positive(retry.maxAttempts, 3, "invocationRetry.maxAttempts"),
      initialDelayMs: positive(retry.initialDelayMs, 1000, "invocationRetry.initialDelayMs"),
      maxDelayMs: positive(retry.maxDelayMs, 60_000, "invocationRetry.maxDelayMs"),
    },
    invocationTimeoutMs: positive(options.invocationTimeoutMs, 900_000, "invocationTimeoutMs"),
    unknownFunctionRetryMs: positive(
      options.unknownFunctionRetryMs,
      60_000,
      "unknownFunctionRetryMs",
    ),
    ...(pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: positive(pollIntervalMs, 0, "pollIntervalMs") }),
  };
}

function resolvePolicy(option: EngineOptions["autoAdvanceTime"]): AutoAdvancePolicy | undefined {
  if (option === undefined || option === false) return undefined;
  return option === true ? () => true : option;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`createEngine: ${name} must be a positive number (got ${String(value)}).`);
  }
  return value;
}

function defaultErrorReporter(error: unknown): void {
  console.error("[durably engine]", error);
}
