/**
 * Enumerations the testing library exports, with the official string values.
 */
export { OperationStatus, OperationType, ExecutionStatus } from "@durably/sdk/protocol";

/** What `DurableOperation.waitForData` waits for. */
export const WaitingOperationStatus = {
  STARTED: "STARTED",
  SUBMITTED: "SUBMITTED",
  COMPLETED: "COMPLETED",
} as const;
/** One of {@link WaitingOperationStatus}'s values. */
export type WaitingOperationStatus =
  (typeof WaitingOperationStatus)[keyof typeof WaitingOperationStatus];

/** Lambda invocation types (as in the AWS SDK's Lambda client). */
export const InvocationType = {
  Event: "Event",
  RequestResponse: "RequestResponse",
  DryRun: "DryRun",
} as const;
/** One of {@link InvocationType}'s values. */
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];
