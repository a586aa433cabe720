/**
 * History events in the event model of the official history API (spec/protocol.md §11).
 */
import type { ErrorObject } from "./wire.ts";

/** Every history event type. */
export const EventType = {
  ExecutionStarted: "ExecutionStarted",
  ExecutionSucceeded: "ExecutionSucceeded",
  ExecutionFailed: "ExecutionFailed",
  ExecutionTimedOut: "ExecutionTimedOut",
  ExecutionStopped: "ExecutionStopped",
  ContextStarted: "ContextStarted",
  ContextSucceeded: "ContextSucceeded",
  ContextFailed: "ContextFailed",
  StepStarted: "StepStarted",
  StepSucceeded: "StepSucceeded",
  StepFailed: "StepFailed",
  WaitStarted: "WaitStarted",
  WaitSucceeded: "WaitSucceeded",
  WaitCancelled: "WaitCancelled",
  CallbackStarted: "CallbackStarted",
  CallbackSucceeded: "CallbackSucceeded",
  CallbackFailed: "CallbackFailed",
  CallbackTimedOut: "CallbackTimedOut",
  ChainedInvokeStarted: "ChainedInvokeStarted",
  ChainedInvokeSucceeded: "ChainedInvokeSucceeded",
  ChainedInvokeFailed: "ChainedInvokeFailed",
  ChainedInvokeTimedOut: "ChainedInvokeTimedOut",
  ChainedInvokeStopped: "ChainedInvokeStopped",
  InvocationCompleted: "InvocationCompleted",
} as const;
/** One of {@link EventType}'s values. */
export type EventType = (typeof EventType)[keyof typeof EventType];

/** An error carried by an event. */
export interface EventError {
  Payload?: ErrorObject | undefined;
  Truncated?: boolean | undefined;
}
/** A result carried by an event. */
export interface EventResult {
  Payload?: string | undefined;
  Truncated?: boolean | undefined;
}
/** An input carried by an event. */
export interface EventInput {
  Payload?: string | undefined;
  Truncated?: boolean | undefined;
}
/** Attempt information of step events. */
export interface RetryDetails {
  CurrentAttempt?: number | undefined;
  NextAttemptDelaySeconds?: number | undefined;
}

/** One entry of an execution's history. Exactly one `…Details` member is set, matching `EventType`. */
export interface Event {
  EventType: EventType;
  EventId: number;
  EventTimestamp: Date;
  Id?: string | undefined;
  Name?: string | undefined;
  ParentId?: string | undefined;
  SubType?: string | undefined;
  ExecutionStartedDetails?:
    | { Input?: EventInput | undefined; ExecutionTimeout?: number | undefined }
    | undefined;
  ExecutionSucceededDetails?: { Result?: EventResult | undefined } | undefined;
  ExecutionFailedDetails?: { Error?: EventError | undefined } | undefined;
  ExecutionTimedOutDetails?: { Error?: EventError | undefined } | undefined;
  ExecutionStoppedDetails?: { Error?: EventError | undefined } | undefined;
  ContextStartedDetails?: Record<string, never> | undefined;
  ContextSucceededDetails?: { Result?: EventResult | undefined } | undefined;
  ContextFailedDetails?: { Error?: EventError | undefined } | undefined;
  StepStartedDetails?: Record<string, never> | undefined;
  StepSucceededDetails?:
    | { Result?: EventResult | undefined; RetryDetails?: RetryDetails | undefined }
    | undefined;
  StepFailedDetails?:
    | { Error?: EventError | undefined; RetryDetails?: RetryDetails | undefined }
    | undefined;
  WaitStartedDetails?:
    | { Duration?: number | undefined; ScheduledEndTimestamp?: Date | undefined }
    | undefined;
  WaitSucceededDetails?: { Duration?: number | undefined } | undefined;
  WaitCancelledDetails?: { Error?: EventError | undefined } | undefined;
  CallbackStartedDetails?:
    | {
        CallbackId?: string | undefined;
        Timeout?: number | undefined;
        HeartbeatTimeout?: number | undefined;
      }
    | undefined;
  CallbackSucceededDetails?: { Result?: EventResult | undefined } | undefined;
  CallbackFailedDetails?: { Error?: EventError | undefined } | undefined;
  CallbackTimedOutDetails?: { Error?: EventError | undefined } | undefined;
  ChainedInvokeStartedDetails?:
    | {
        FunctionName?: string | undefined;
        TenantId?: string | undefined;
        Input?: EventInput | undefined;
        ExecutedVersion?: string | undefined;
        DurableExecutionArn?: string | undefined;
      }
    | undefined;
  ChainedInvokeSucceededDetails?: { Result?: EventResult | undefined } | undefined;
  ChainedInvokeFailedDetails?: { Error?: EventError | undefined } | undefined;
  ChainedInvokeTimedOutDetails?: { Error?: EventError | undefined } | undefined;
  ChainedInvokeStoppedDetails?: { Error?: EventError | undefined } | undefined;
  InvocationCompletedDetails?:
    | {
        StartTimestamp?: Date | undefined;
        EndTimestamp?: Date | undefined;
        RequestId?: string | undefined;
        Error?: EventError | undefined;
      }
    | undefined;
}
