import type { Operation } from "../protocol/wire.ts";
import type {
  AttemptEndInfo,
  AttemptInfo,
  ChildContextInfo,
  OperationEndInfo,
  OperationInfo,
} from "./durable-instrumentation-plugin.ts";
import type { InvocationPlugins } from "./invocation-plugins.ts";
import { type OperationIdentity, toOperationInfo } from "./operation-info.ts";
import { type AttemptEndInfoOutcome, PluginOperationStatus } from "./plugin-statuses.ts";

/**
 * The plugin hooks of one operation, with the infos built from its identity and current record.
 * Operations call these at their lifecycle points; each returns once the plugins are done.
 */
export class OperationHooks {
  readonly #plugins: InvocationPlugins;
  readonly #identity: OperationIdentity;
  readonly #record: () => Operation | undefined;
  #isReplay = false;

  constructor(
    plugins: InvocationPlugins,
    identity: OperationIdentity,
    record: () => Operation | undefined,
  ) {
    this.#plugins = plugins;
    this.#identity = identity;
    this.#record = record;
  }

  /** The operation as plugins see it now. */
  info(isReplay: boolean = this.#isReplay): OperationInfo {
    return toOperationInfo(this.#record(), this.#identity, isReplay);
  }

  /**
   * `onOperationStart`: `isReplay` when the operation was found checkpointed and not finished;
   * `status` overrides the record's (a START that is queued but not applied yet).
   */
  started(isReplay: boolean, status?: PluginOperationStatus): Promise<void> {
    this.#isReplay = isReplay;
    const info = this.info(isReplay);
    if (status !== undefined) info.status = status;
    return this.#plugins.notify("onOperationStart", info);
  }

  /** `onOperationAttemptStart`; the returned info is then given to the other attempt hooks. */
  async attemptStarted(attempt: number): Promise<AttemptInfo> {
    const info: AttemptInfo = {
      ...this.info(),
      attempt,
      startTimestamp: new Date(this.#plugins.now()),
    };
    // The attempt runs (its START may not be applied yet) and has no error of its own yet; the
    // record may still hold the previous attempt's.
    info.status = PluginOperationStatus.STARTED;
    delete info.error;
    await this.#plugins.notify("onOperationAttemptStart", info);
    return info;
  }

  /** Runs one attempt's user function inside the plugins' `wrapOperationAttemptFn`. */
  runAttempt<T>(info: AttemptInfo, fn: () => Promise<T>): Promise<T> {
    return this.#plugins.wrap("wrapOperationAttemptFn", info, fn);
  }

  /** `onOperationAttemptEnd`, with the attempt's own start and end times. */
  attemptEnded(
    attempt: AttemptInfo,
    outcome: AttemptEndInfoOutcome,
    error?: unknown,
  ): Promise<void> {
    const info: AttemptEndInfo = {
      ...this.info(),
      attempt: attempt.attempt,
      outcome,
      endTimestamp: new Date(this.#plugins.now()),
    };
    delete info.error;
    if (attempt.startTimestamp !== undefined) info.startTimestamp = attempt.startTimestamp;
    if (error !== undefined) info.error = asError(error);
    return this.#plugins.notify("onOperationAttemptEnd", info);
  }

  /** Runs a child context's function inside the plugins' `wrapChildContextFn`. */
  runChildFunction<T>(isReplayingChildren: boolean, fn: () => Promise<T>): Promise<T> {
    const info: ChildContextInfo = { ...this.info(), isReplayingChildren };
    return this.#plugins.wrap("wrapChildContextFn", info, fn);
  }

  /** `onOperationEnd` for an operation that finished in this invocation. */
  ended(overrides?: Partial<OperationEndInfo>, error?: unknown): Promise<void> {
    const info: OperationEndInfo = { ...this.info(false), ...overrides };
    if (error !== undefined) info.error = asError(error);
    return this.#plugins.notify("onOperationEnd", info);
  }

  /**
   * `onOperationEnd` for an operation found finished in the loaded state: a replay, unless the
   * service finished it since the previous invocation (a timer fired, a callback arrived).
   */
  endedBeforeInvocation(): Promise<void> {
    const isReplay = !this.#plugins.isUpdatedSincePreviousInvocation(this.#identity.id);
    return this.#plugins.notify("onOperationEnd", this.info(isReplay));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
