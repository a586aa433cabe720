/** Durably's durable execution engine: checkpoints, lifecycle, scheduler and invoker, in-process. */

/** Creates an engine over a Store and a Clock. */
export { createEngine } from "./api/create-engine.ts";
/** The engine contract and the types of its API. */
export type {
  DurableFunctionHandler,
  Engine,
  EngineEvent,
  ExecutionRecord,
  ExecutionSummary,
  InvocationContext,
  StartExecutionRequest,
  StartExecutionResult,
} from "./api/engine-api.ts";
/** Options of createEngine, and the virtual-time auto-advance policy. */
export type {
  AutoAdvancePolicy,
  DueWork,
  EngineOptions,
  InvocationRetryOptions,
} from "./api/engine-options.ts";

/** The time port. */
export type { CancelTimer, Clock, ManualClock } from "./clock/clock.ts";
/** True when a clock can be advanced by hand. */
export { isManualClock } from "./clock/clock.ts";
/** Wall-clock time with real timers. */
export { SystemClock } from "./clock/system-clock.ts";
/** Virtual time that moves only when advanced. */
export { VirtualClock } from "./clock/virtual-clock.ts";

/** The rejection of a checkpoint (AWS-compatible shape, Durably error codes STALE_TOKEN / INVALID_CHECKPOINT). */
export { InvalidParameterValueException } from "./errors/invalid-parameter-value-exception.ts";
/** Codes a checkpoint rejection carries. */
export type { CheckpointRejectionCode } from "./errors/invalid-parameter-value-exception.ts";
/** Errors of the lifecycle and callback APIs. */
export {
  CallbackClosedError,
  ExecutionClosedError,
  InvalidArgumentError,
  NotFoundError,
} from "./errors/engine-errors.ts";
/** What a NotFoundError could not find. */
export type { MissingResource } from "./errors/engine-errors.ts";

/** The event a handler receives: invocation input carrying the in-process client. */
export { DurableExecutionInvocationInputWithClient } from "@durably/sdk/protocol";
/** Errors recorded on timed-out callbacks. */
export { callbackTimeoutErrors } from "./scheduler/timer-firing.ts";
/** Where the engine gets ids (inject a seeded source for deterministic tests). */
export type { IdSource } from "./internal/ids.ts";
