/**
 * The opaque cursor of `listExecutions`: the sort key of the last item of a page and the direction
 * it was read in. Keyset paging keeps pages stable while executions are added.
 */
import { invalidArgument } from "./store-errors.ts";

/** Where the next page starts (exclusive) and in which direction. */
export interface ExecutionCursor {
  startedAt: number;
  executionId: string;
  reverse: boolean;
}

const cursorVersion = 1;

/** Encodes a cursor as base64url text. */
export function encodeExecutionCursor(cursor: ExecutionCursor): string {
  const parts = [cursorVersion, cursor.startedAt, cursor.executionId, cursor.reverse ? 1 : 0];
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** Decodes a cursor; anything not produced by {@link encodeExecutionCursor} is INVALID_ARGUMENT. */
export function decodeExecutionCursor(text: string): ExecutionCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parts = undefined;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== 4 ||
    parts[0] !== cursorVersion ||
    typeof parts[1] !== "number" ||
    !Number.isFinite(parts[1]) ||
    typeof parts[2] !== "string" ||
    (parts[3] !== 0 && parts[3] !== 1)
  ) {
    throw invalidArgument(
      `Cursor "${text.slice(0, 80)}" is malformed; pass the nextCursor of a previous page unchanged`,
    );
  }
  return { startedAt: parts[1], executionId: parts[2], reverse: parts[3] === 1 };
}
