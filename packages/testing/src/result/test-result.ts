/**
 * `TestResult`: what `LocalDurableTestRunner.run()` resolves with.
 */
import type { ErrorObject, Event, ExecutionStatus, OperationStatus } from "@durably/sdk/protocol";
import type { OperationLog } from "../operations/operation-log.ts";
import { snapshotHandle } from "../operations/durable-operation.ts";
import type { DurableOperation, OperationSource } from "../operations/durable-operation.ts";
import { formatOperationTable } from "./operation-table.ts";
import type { PrintConfig } from "./operation-table.ts";
import { parsePayload, toTestResultError } from "./test-result-error.ts";
import type { TestResultError } from "./test-result-error.ts";

/** One invocation of the handler during the run. */
export interface Invocation {
  startTimestamp: Date | undefined;
  endTimestamp: Date | undefined;
  requestId: string | undefined;
  error: TestResultError | undefined;
}

/** The outcome of one run. */
export interface TestResult<TResult = any> {
  getOperations(params?: { status: OperationStatus }): DurableOperation[];
  getInvocations(): Invocation[];
  getStatus(): ExecutionStatus | undefined;
  getResult(): TResult | undefined;
  getError(): TestResultError;
  getHistoryEvents(): Event[];
  print(config?: PrintConfig): void;
}

/** The final state of an execution, as the runner read it. */
export interface FinishedExecution {
  status: ExecutionStatus | undefined;
  result?: string | undefined;
  error?: ErrorObject | undefined;
}

/** Builds the result of a finished run from its log. */
export function createTestResult<TResult>(
  execution: FinishedExecution,
  log: OperationLog,
  source: OperationSource,
): TestResult<TResult> {
  const errorOf = (): TestResultError =>
    execution.error
      ? toTestResultError(execution.error)
      : {
          errorMessage: `Execution failed with status "${execution.status}"`,
          errorType: undefined,
          errorData: undefined,
          stackTrace: undefined,
        };
  return {
    getStatus: () => execution.status,
    getResult: () => {
      if (execution.status !== "SUCCEEDED") {
        const error = errorOf();
        const thrown = new Error((error.errorMessage ?? "").trim());
        if (error.stackTrace) thrown.stack = error.stackTrace.join("\n");
        throw thrown;
      }
      return parsePayload(execution.result) as TResult | undefined;
    },
    getError: () => {
      if (execution.status === "SUCCEEDED")
        throw new Error("Cannot get error for succeeded execution");
      return errorOf();
    },
    getOperations: (params) =>
      log
        .userOperations()
        .filter((op) => !params || op.Status === params.status)
        .map((op) => snapshotHandle(source, log, op.Id)),
    getInvocations: () =>
      log
        .events()
        .filter((e) => e.EventType === "InvocationCompleted")
        .map((e) => {
          const d = e.InvocationCompletedDetails;
          const payload = d?.Error?.Payload;
          return {
            startTimestamp: d?.StartTimestamp,
            endTimestamp: d?.EndTimestamp,
            requestId: d?.RequestId,
            error: payload ? toTestResultError(payload) : undefined,
          };
        }),
    getHistoryEvents: () => log.events(),
    print: (config) => {
      const rows = formatOperationTable(log.userOperations(), config);
      if (rows.length === 0) console.log("No operations found.");
      else console.table(rows);
    },
  };
}
