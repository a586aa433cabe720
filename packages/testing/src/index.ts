/**
 * `@durably/testing`: a local test runner for durable functions, compatible with the official
 * `@aws/durable-execution-sdk-js-testing`, built on Durably's engine with the in-memory store.
 */

/** Runs a durable handler locally to completion, with optional time skipping. */
export { LocalDurableTestRunner } from "./runner/local-durable-test-runner.ts";
/** Runner parameters and the common runner interface. */
export type {
  DurableTestRunner,
  InvokeRequest,
  LocalDurableTestRunnerParameters,
} from "./runner/local-durable-test-runner.ts";
/** Options of `setupTestEnvironment`. */
export type { LocalDurableTestRunnerSetupParameters } from "./environment/test-environment.ts";
/** The checkpoint delay of `setupTestEnvironment`, in ms (exported by the official 1.0.0). */
export type CheckpointDelaySettings = number;
/** A handle on one operation of a run. */
export { DurableOperation } from "./operations/durable-operation.ts";
/** Typed views of operation details. */
export type {
  CallbackDetails,
  ChainedInvokeDetails,
  ContextDetails,
  StepDetails,
  WaitResultDetails,
} from "./operations/operation-details.ts";
/** The outcome of a run. */
export type { Invocation, TestResult } from "./result/test-result.ts";
/** The error shape tests see. */
export type { TestResultError } from "./result/test-result-error.ts";
/** Enumerations with the official string values. */
export {
  ExecutionStatus,
  InvocationType,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "./enums.ts";
/** Wire types of operations and history events. */
export type { Event, Operation, WireOperation } from "@durably/sdk/protocol";
