import { CheckpointBatcher } from "../checkpoint/checkpoint-batcher.ts";
import type { LambdaContext } from "../handler/lambda-context.ts";
import { TimerRegistry } from "../internal/timer-registry.ts";
import type { Timers } from "../internal/timers.ts";
import { InvocationPlugins } from "../plugins/invocation-plugins.ts";
import { toOperationInfoMap } from "../plugins/operation-info.ts";
import type { PluginRunner } from "../plugins/plugin-runner.ts";
import type { DurableExecutionClient, Operation, TransportLogger } from "../protocol/wire.ts";
import { ExecutionState } from "../replay/execution-state.ts";
import { OperationWatch, type OperationWatchHost } from "../replay/operation-watch.ts";
import { OperationLifecycle, SuspensionMonitor } from "../replay/suspension-monitor.ts";
import { Termination, type TerminationReason } from "../replay/termination.ts";
import type { LogBase } from "./async-scope.ts";

/** What one invocation runs on. */
export interface InvocationRuntimeOptions {
  readonly client: DurableExecutionClient;
  readonly durableExecutionArn: string;
  readonly checkpointToken: string;
  readonly operations: readonly Operation[];
  readonly lambdaContext: LambdaContext;
  readonly timers: Timers;
  readonly transportLogger?: TransportLogger | undefined;
  readonly suspensionCooldownMs?: number | undefined;
  /** The instrumentation plugins; undefined when there are none. */
  readonly plugins?: PluginRunner | undefined;
  /** `UpdatedOperationIds` of the invocation event. */
  readonly updatedOperationIds?: readonly string[] | undefined;
}

/**
 * The services of one invocation, shared by all its contexts: operation records, the checkpoint
 * batcher, the suspension monitor, timers and the termination signal, wired to each other here.
 */
export class InvocationRuntime implements OperationWatchHost {
  readonly durableExecutionArn: string;
  readonly lambdaContext: LambdaContext;
  readonly state: ExecutionState;
  readonly timers: TimerRegistry;
  readonly termination: Termination = new Termination();
  readonly batcher: CheckpointBatcher;
  readonly monitor: SuspensionMonitor;
  readonly logBase: LogBase;
  /** The instrumentation plugins of this invocation; undefined when there are none. */
  readonly plugins: InvocationPlugins | undefined;
  #closed = false;

  constructor(options: InvocationRuntimeOptions) {
    this.durableExecutionArn = options.durableExecutionArn;
    this.lambdaContext = options.lambdaContext;
    this.state = new ExecutionState(options.operations);
    this.timers = new TimerRegistry(options.timers);
    this.logBase = {
      requestId: options.lambdaContext?.awsRequestId ?? "",
      executionArn: options.durableExecutionArn,
      tenantId: options.lambdaContext?.tenantId ?? undefined,
    };
    this.monitor = new SuspensionMonitor({
      timers: this.timers,
      isCheckpointIdle: () => this.batcher.isIdle(),
      suspend: (reason) => this.terminate(reason),
      cooldownMs: options.suspensionCooldownMs,
    });
    this.batcher = new CheckpointBatcher({
      client: options.client,
      durableExecutionArn: options.durableExecutionArn,
      checkpointToken: options.checkpointToken,
      state: this.state,
      timers: this.timers,
      logger: options.transportLogger,
      onIdle: () => this.monitor.evaluate(),
      onFailure: (error) => this.terminate("CHECKPOINT_FAILED", error),
      onStatusChanged: options.plugins?.has("onOperationChange")
        ? (changed) => this.#notifyOperationChange(changed)
        : undefined,
    });
    this.plugins =
      options.plugins === undefined
        ? undefined
        : new InvocationPlugins({
            runner: options.plugins,
            updatedOperationIds: options.updatedOperationIds,
            now: () => this.timers.now(),
            hold: () => this.#hold(),
            isClosed: () => this.#closed,
          });
  }

  #notifyOperationChange(changed: readonly Operation[]): Promise<void> | undefined {
    return this.plugins?.notify("onOperationChange", {
      executionArn: this.durableExecutionArn,
      updatedOperations: toOperationInfoMap(changed),
      operations: toOperationInfoMap(this.state.values()),
    });
  }

  /** Counts as an executing operation, so the invocation cannot suspend, until released. */
  #hold(): () => void {
    const busy = this.monitor.root.track("PluginHook");
    busy.set(OperationLifecycle.EXECUTING);
    return () => busy.set(OperationLifecycle.COMPLETED);
  }

  /** Ends the invocation early; the first reason wins. New checkpoints are dropped from now on. */
  terminate(reason: TerminationReason, error?: Error): void {
    if (this.termination.result !== undefined) return;
    this.monitor.stop();
    this.batcher.beginTermination();
    this.termination.terminate(reason, error);
  }

  /** Waits for an operation's record to satisfy `isSettled`. */
  watch(id: string, isSettled: (operation: Operation) => boolean): OperationWatch {
    return new OperationWatch(this, id, isSettled);
  }

  /** Asks the service for external changes. */
  refresh(): void {
    this.batcher.refresh();
  }

  /** Lambda time left; Infinity when the context cannot tell. */
  remainingTimeMs(): number {
    const lambdaContext = this.lambdaContext;
    return typeof lambdaContext?.getRemainingTimeInMillis === "function"
      ? lambdaContext.getRemainingTimeInMillis()
      : Number.POSITIVE_INFINITY;
  }

  /** True once the invocation returned: operations started now never run. */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** Releases everything: no more suspension, checkpoints, timers or operations. */
  dispose(): void {
    this.#closed = true;
    this.monitor.stop();
    this.batcher.beginTermination();
    this.timers.dispose();
  }
}
