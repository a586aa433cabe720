import { AsyncLocalStorage } from "node:async_hooks";
import type { DurableLogData } from "../logging/durable-logger.ts";

/** Invocation-wide fields of every log record. */
export interface LogBase {
  readonly requestId: string;
  readonly executionArn: string;
  readonly tenantId: string | undefined;
}

/**
 * The durable scope code is running in: the root context, a child context, or an operation body.
 * Context methods compare its id with their own to catch use of the wrong context (spec §13.4).
 */
export interface ActiveScope {
  /** "root", a child context's step id, or the step id of the operation whose body runs. */
  readonly contextId: string;
  /** Hashed id of the operation or child context; undefined at the root. */
  readonly operationId: string | undefined;
  readonly operationName: string | undefined;
  /** Attempt number inside step bodies. */
  readonly attempt: number | undefined;
  readonly logBase: LogBase;
  /** True while this scope re-runs recorded code. */
  isReplaying(): boolean;
}

/**
 * The one AsyncLocalStorage of the SDK. It is shared by all invocations on purpose: each live
 * instance adds work to every async resource Node creates, so one per invocation would make
 * concurrent invocations slow each other down. Stores are per invocation.
 */
export const activeScope: AsyncLocalStorage<ActiveScope> = new AsyncLocalStorage<ActiveScope>();

/** The durable log fields of a scope. */
export function durableLogData(scope: ActiveScope): DurableLogData {
  const data: DurableLogData = {
    requestId: scope.logBase.requestId,
    executionArn: scope.logBase.executionArn,
  };
  if (scope.logBase.tenantId !== undefined) data.tenantId = scope.logBase.tenantId;
  if (scope.operationId !== undefined) data.operationId = scope.operationId;
  if (scope.operationName !== undefined) data.operationName = scope.operationName;
  if (scope.attempt !== undefined) data.attempt = scope.attempt;
  return data;
}

/** The message of a context-usage error (spec §13.4). */
export function contextUsageMessage(method: string, activeId: string, ownId: string): string {
  return (
    `Context usage error in "${method}": You are using a parent or sibling context instead of the current ` +
    `child context. Expected context ID: "${activeId}", but got: "${ownId}". When inside runInChildContext(), ` +
    "you must use the child context parameter, not the parent context."
  );
}
