/**
 * `listExecutions` over the memory store's (startedAt, executionId) order: start from the bound
 * the cursor or time range gives, walk one way or the other, filter, stop after one row too many.
 */
import { encodeExecutionCursor } from "../internal/execution-cursor.ts";
import { matchesNamePrefix, type CheckedExecutionQuery } from "../internal/query-checks.ts";
import type { ExecutionId, ExecutionRecord } from "../port/records.ts";
import type { Page } from "../port/store.ts";
import { cloneExecution } from "./clone-records.ts";
import type { SortedKeys, SortKey } from "./sorted-keys.ts";

// The smallest key at an instant: "" sorts before every execution id.
const atInstant = (at: number): SortKey => ({ at, id: "", sub: "" });

function firstIndex(keys: SortedKeys, q: CheckedExecutionQuery): number {
  if (q.reverse) {
    const start = q.startedAfter === undefined ? 0 : keys.lowerBound(atInstant(q.startedAfter));
    if (q.after === undefined) return start;
    return Math.max(
      start,
      keys.upperBound({ at: q.after.startedAt, id: q.after.executionId, sub: "" }),
    );
  }
  let end = q.startedBefore === undefined ? keys.size : keys.lowerBound(atInstant(q.startedBefore));
  if (q.after !== undefined) {
    end = Math.min(
      end,
      keys.lowerBound({ at: q.after.startedAt, id: q.after.executionId, sub: "" }),
    );
  }
  return end - 1;
}

function pastRange(key: SortKey, q: CheckedExecutionQuery): boolean {
  if (q.reverse) return q.startedBefore !== undefined && key.at >= q.startedBefore;
  return q.startedAfter !== undefined && key.at < q.startedAfter;
}

function matches(record: ExecutionRecord, q: CheckedExecutionQuery): boolean {
  return (
    (q.functionName === undefined || record.functionName === q.functionName) &&
    (q.statuses === undefined || q.statuses.has(record.status)) &&
    matchesNamePrefix(record.name, q.namePrefix)
  );
}

/** One page of executions; `lookup` returns the stored row of an id in `keys`. */
export function scanExecutions(
  keys: SortedKeys,
  q: CheckedExecutionQuery,
  lookup: (executionId: ExecutionId) => ExecutionRecord,
): Page<ExecutionRecord> {
  const items: ExecutionRecord[] = [];
  const step = q.reverse ? 1 : -1;
  for (let i = firstIndex(keys, q); i >= 0 && i < keys.size; i += step) {
    const key = keys.at(i) as SortKey;
    if (pastRange(key, q)) break;
    const record = lookup(key.id);
    if (!matches(record, q)) continue;
    if (items.length === q.limit) {
      const last = items[items.length - 1] as ExecutionRecord;
      const cursor = {
        startedAt: last.startedAt,
        executionId: last.executionId,
        reverse: q.reverse,
      };
      return { items, nextCursor: encodeExecutionCursor(cursor) };
    }
    items.push(cloneExecution(record));
  }
  return { items };
}
