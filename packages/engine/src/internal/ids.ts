/**
 * Identifiers: the only place the engine draws randomness.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Where the engine gets fresh ids; injectable so tests can use seeded ids. */
export interface IdSource {
  /** A fresh UUID (execution ids, invocation ids, EXECUTION operation ids). */
  uuid(): string;
  /** A fresh callback id: opaque, base64 alphabet, at least 128 bits of entropy. */
  callbackId(): string;
}

/** Ids from node:crypto. */
export const cryptoIds: IdSource = {
  uuid: () => randomUUID(),
  // 24 random bytes = 192 bits, 32 base64 characters without padding.
  callbackId: () => randomBytes(24).toString("base64"),
};

const account = "arn:durably:lambda:local:000000000000";

/** The ARN-like id of an execution. */
export function executionArn(functionName: string, executionName: string, uuid: string): string {
  return `${account}:function:${functionName}:$LATEST/durable-execution/${executionName}/${uuid}`;
}

/** The ARN-like id of a function. */
export function functionArn(functionName: string): string {
  return `${account}:function:${functionName}`;
}

/** A stable id derived from `parts` (deterministic: same parts, same id), `[A-Za-z0-9_-]`, 32 chars. */
function derivedId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32);
}

/** A stable UUID-shaped id derived from `parts`. */
function derivedUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\n")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The EXECUTION operation's id: the uuid segment that ends the execution id. */
export function executionOperationId(executionId: string): string {
  return executionId.slice(executionId.lastIndexOf("/") + 1);
}

/** Name and id of the execution a chained invoke starts: derived, so a retried start finds the same one. */
export function childExecutionIdentity(
  parentExecutionId: string,
  operationId: string,
  functionName: string,
): { name: string; executionId: string } {
  const name = derivedId(parentExecutionId, operationId);
  return {
    name,
    executionId: executionArn(functionName, name, derivedUuid(parentExecutionId, operationId)),
  };
}
