import type { ContextCore } from "../../context/context-core.ts";
import type { Duration } from "../../context/duration.ts";
import { OperationSubType } from "../../context/operation-sub-type.ts";
import {
  CallbackError,
  CallbackSubmitterError,
  ChildContextError,
  type DurableOperationError,
  StepError,
} from "../../errors/durable-operation-error.ts";
import type { DurableContextLogger, DurableLogger } from "../../logging/durable-logger.ts";
import { DurablePromise } from "../../promise/durable-promise.ts";
import type { RetryDecision } from "../../retry/retry-decision.ts";
import type { Serdes } from "../../serdes/serdes.ts";
import { type ContextFactory, runInChildContext } from "../child/run-in-child-context.ts";

/** What a submitter receives besides the callback id. */
export interface WaitForCallbackContext<L extends DurableLogger = DurableLogger> {
  logger: DurableContextLogger<L>;
}

/** Hands the callback id to the external system. */
export type WaitForCallbackSubmitterFunc<L extends DurableLogger = DurableLogger> = (
  callbackId: string,
  context: WaitForCallbackContext<L>,
) => Promise<void>;

/** Options of `context.waitForCallback`. */
export interface WaitForCallbackConfig<T = string> {
  timeout?: Duration | undefined;
  heartbeatTimeout?: Duration | undefined;
  /** Retry strategy of the submitter step; default `retryPresets.default`. */
  retryStrategy?: ((error: Error, attemptCount: number) => RetryDecision) | undefined;
  /** Deserialises the success payload; default: the raw string. */
  serdes?: Omit<Serdes<T>, "serialize"> | undefined;
}

/** Keeps the raw callback string as the child context's stored result. */
const rawString: Serdes<string> = {
  serialize: async (value) => value,
  deserialize: async (data) => data,
};

/**
 * `context.waitForCallback(name?, submitter, config?)` (spec/sdk-api.md §7.7): a child context
 * (`WaitForCallback`) that creates an unnamed callback, runs the submitter as an unnamed step, and
 * waits for the callback. Submitter failure surfaces as CallbackSubmitterError.
 */
export function waitForCallback<T>(
  core: ContextCore,
  createContext: ContextFactory,
  nameOrSubmitter: string | undefined | WaitForCallbackSubmitterFunc,
  submitterOrConfig?: WaitForCallbackSubmitterFunc | WaitForCallbackConfig<T>,
  maybeConfig?: WaitForCallbackConfig<T>,
): DurablePromise<T> {
  const named = typeof nameOrSubmitter === "string" || nameOrSubmitter === undefined;
  if (typeof nameOrSubmitter === "string" && typeof submitterOrConfig !== "function") {
    return rejected(
      new Error("waitForCallback requires a submitter function when name is provided"),
    );
  }
  if (!named && typeof nameOrSubmitter !== "function") {
    return rejected(new Error("waitForCallback requires a submitter function"));
  }
  const name = named ? nameOrSubmitter : undefined;
  const submitter = (named ? submitterOrConfig : nameOrSubmitter) as WaitForCallbackSubmitterFunc;
  const config = (named ? maybeConfig : submitterOrConfig) as WaitForCallbackConfig<T> | undefined;
  if (typeof submitter !== "function")
    return rejected(new Error("waitForCallback requires a submitter function"));
  return runInChildContext<T>(
    core,
    createContext,
    name,
    async (child) => {
      const [callback, callbackId] = await child.createCallback<string>({
        timeout: config?.timeout,
        heartbeatTimeout: config?.heartbeatTimeout,
        serdes: rawString,
      });
      await child.step(async (step) => submitter(callbackId, { logger: step.logger }), {
        retryStrategy: config?.retryStrategy,
      });
      return (await callback) as T;
    },
    {
      subType: OperationSubType.WAIT_FOR_CALLBACK,
      serdes: storedRawThen(config?.serdes),
      errorMapper: mapWaitForCallbackError,
    },
  );
}

/**
 * The child context stores the raw callback string; reading it back applies the caller's
 * deserializer (with the child's step id as entity id), live and on replay alike.
 */
function storedRawThen<T>(serdes: Omit<Serdes<T>, "serialize"> | undefined): Serdes<T> {
  return {
    serialize: async (value) => value as string | undefined,
    deserialize: async (data, context) =>
      serdes === undefined ? (data as T | undefined) : serdes.deserialize(data, context),
  };
}

/** Callback errors pass through; an exhausted submitter is a CallbackSubmitterError. */
function mapWaitForCallbackError(error: DurableOperationError): DurableOperationError {
  if (error instanceof CallbackError) return error;
  if (error instanceof StepError) return new CallbackSubmitterError(error.message, error);
  return new ChildContextError(error.message, error);
}

function rejected<T>(error: Error): DurablePromise<T> {
  return new DurablePromise<T>(() => Promise.reject(error));
}
