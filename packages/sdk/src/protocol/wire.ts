/**
 * The wire model shared by the SDK and the service (spec/protocol.md §2–§7).
 * Field names and string values are the contract of the official durable execution API.
 */

/** Operation kinds (const object so the literal types match the official SDK's). */
export const OperationType = {
  CALLBACK: "CALLBACK",
  CHAINED_INVOKE: "CHAINED_INVOKE",
  CONTEXT: "CONTEXT",
  EXECUTION: "EXECUTION",
  STEP: "STEP",
  WAIT: "WAIT",
} as const;
/** One of {@link OperationType}'s values. */
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

/** Operation statuses. */
export const OperationStatus = {
  CANCELLED: "CANCELLED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  READY: "READY",
  STARTED: "STARTED",
  STOPPED: "STOPPED",
  SUCCEEDED: "SUCCEEDED",
  TIMED_OUT: "TIMED_OUT",
} as const;
/** One of {@link OperationStatus}'s values. */
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/** Actions an operation update may carry. */
export const OperationAction = {
  CANCEL: "CANCEL",
  FAIL: "FAIL",
  RETRY: "RETRY",
  START: "START",
  SUCCEED: "SUCCEED",
} as const;
/** One of {@link OperationAction}'s values. */
export type OperationAction = (typeof OperationAction)[keyof typeof OperationAction];

/** Execution statuses (spec/protocol.md §10). */
export const ExecutionStatus = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
} as const;
/** One of {@link ExecutionStatus}'s values. */
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

/** A timestamp as it travels: a `Date` from an API response, or ISO text / epoch ms in event JSON. */
export type WireTimestamp = Date | string | number;

/** A serialised error. */
export interface ErrorObject {
  ErrorMessage?: string | undefined;
  ErrorType?: string | undefined;
  ErrorData?: string | undefined;
  StackTrace?: string[] | undefined;
}

/** Details of the EXECUTION operation. */
export interface ExecutionDetails {
  InputPayload?: string | undefined;
}
/** Details of a CONTEXT operation. */
export interface ContextDetails {
  ReplayChildren?: boolean | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}
/** Details of a STEP operation, timestamps normalised. */
export interface StepDetails {
  Attempt?: number | undefined;
  NextAttemptTimestamp?: Date | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}
/** Details of a STEP operation as received. */
export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}
/** Details of a WAIT operation, timestamps normalised. */
export interface WaitDetails {
  ScheduledEndTimestamp?: Date | undefined;
}
/** Details of a WAIT operation as received. */
export interface WireWaitDetails {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}
/** Details of a CALLBACK operation. */
export interface CallbackDetails {
  CallbackId?: string | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}
/** Details of a CHAINED_INVOKE operation. */
export interface ChainedInvokeDetails {
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** One durable record of an execution, timestamps normalised to `Date`. */
export interface Operation {
  Id: string;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType;
  SubType?: string | undefined;
  StartTimestamp?: Date | undefined;
  EndTimestamp?: Date | undefined;
  Status: OperationStatus;
  ExecutionDetails?: ExecutionDetails | undefined;
  ContextDetails?: ContextDetails | undefined;
  StepDetails?: StepDetails | undefined;
  WaitDetails?: WaitDetails | undefined;
  CallbackDetails?: CallbackDetails | undefined;
  ChainedInvokeDetails?: ChainedInvokeDetails | undefined;
}

/** An operation as it arrives in an event or a response (timestamps in any wire form). */
export interface WireOperation extends Omit<
  Operation,
  "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"
> {
  StartTimestamp?: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}

/** Options of a CONTEXT update. */
export interface ContextOptions {
  ReplayChildren?: boolean | undefined;
}
/** Options of a STEP RETRY update. */
export interface StepOptions {
  NextAttemptDelaySeconds?: number | undefined;
}
/** Options of a WAIT START update. */
export interface WaitOptions {
  WaitSeconds?: number | undefined;
}
/** Options of a CALLBACK START update. */
export interface CallbackOptions {
  TimeoutSeconds?: number | undefined;
  HeartbeatTimeoutSeconds?: number | undefined;
}
/** Options of a CHAINED_INVOKE START update. */
export interface ChainedInvokeOptions {
  FunctionName: string;
  TenantId?: string | undefined;
}

/** One change an invocation asks the service to make to an operation. */
export interface OperationUpdate {
  Id: string;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType;
  SubType?: string | undefined;
  Action: OperationAction;
  Payload?: string | undefined;
  Error?: ErrorObject | undefined;
  ContextOptions?: ContextOptions | undefined;
  StepOptions?: StepOptions | undefined;
  WaitOptions?: WaitOptions | undefined;
  CallbackOptions?: CallbackOptions | undefined;
  ChainedInvokeOptions?: ChainedInvokeOptions | undefined;
}

/** Operations changed since the previous checkpoint. */
export interface CheckpointUpdatedExecutionState {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/** `CheckpointDurableExecution` request (spec/protocol.md §6). */
export interface CheckpointDurableExecutionRequest {
  DurableExecutionArn: string;
  CheckpointToken: string;
  Updates?: OperationUpdate[] | undefined;
  ClientToken?: string | undefined;
}
/** `CheckpointDurableExecution` response. */
export interface CheckpointDurableExecutionResponse {
  CheckpointToken?: string | undefined;
  NewExecutionState?: CheckpointUpdatedExecutionState | undefined;
}

/** `GetDurableExecutionState` request (spec/protocol.md §7). */
export interface GetDurableExecutionStateRequest {
  DurableExecutionArn: string;
  CheckpointToken: string;
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}
/** `GetDurableExecutionState` response. */
export interface GetDurableExecutionStateResponse {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/** The event an invocation of a durable handler receives (spec/protocol.md §2). */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  UpdatedOperationIds?: string[] | undefined;
  InitialExecutionState: {
    Operations?: WireOperation[] | undefined;
    NextMarker?: string | undefined;
  };
}

/** Statuses an invocation can end with. */
export const InvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
} as const;
/** One of {@link InvocationStatus}'s values. */
export type InvocationStatus = (typeof InvocationStatus)[keyof typeof InvocationStatus];

/** What an invocation returns (spec/protocol.md §3). */
export type DurableExecutionInvocationOutput =
  | { Status: "SUCCEEDED"; Result?: string | undefined }
  | { Status: "FAILED"; Error: ErrorObject }
  | { Status: "PENDING" };

/** Minimal logger the transport may be given. */
export interface TransportLogger {
  debug?(...params: unknown[]): void;
  info?(...params: unknown[]): void;
  warn?(...params: unknown[]): void;
  error?(...params: unknown[]): void;
}

/**
 * The transport between the SDK and the service: apply a batch of updates with a token, and read
 * the execution state page by page. Durably's engine provides one in-process; the official service
 * provides one over HTTP.
 */
export interface DurableExecutionClient {
  getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: TransportLogger,
  ): Promise<GetDurableExecutionStateResponse>;
  checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: TransportLogger,
  ): Promise<CheckpointDurableExecutionResponse>;
}

/** Durably's name for the transport port (DESIGN.md); the same type as {@link DurableExecutionClient}. */
export type CheckpointClient = DurableExecutionClient;
