/**
 * The SQL of `listExecutions` for a validated query: filters, keyset cursor and order, fetching
 * one row more than the page to know whether another page follows.
 */
import type { CheckedExecutionQuery } from "../internal/query-checks.ts";
import type { SqliteValue } from "./sqlite-driver.ts";

/** A statement and its parameters. */
export interface SqlQuery {
  sql: string;
  params: SqliteValue[];
}

/** Builds the listing query (statuses vary the text, so the statement cache keys on the SQL). */
export function buildListExecutions(q: CheckedExecutionQuery): SqlQuery {
  const where: string[] = [];
  const params: SqliteValue[] = [];
  if (q.functionName !== undefined) {
    where.push("function_name = ?");
    params.push(q.functionName);
  }
  if (q.statuses !== undefined) {
    where.push(`status IN (${[...q.statuses].map(() => "?").join(", ")})`);
    params.push(...q.statuses);
  }
  if (q.namePrefix !== undefined) {
    // substr counts characters (code points); LIKE would be case-insensitive and treat % and _.
    where.push("substr(name, 1, ?) = ?");
    params.push(Array.from(q.namePrefix).length, q.namePrefix);
  }
  if (q.startedAfter !== undefined) {
    where.push("started_at >= ?");
    params.push(q.startedAfter);
  }
  if (q.startedBefore !== undefined) {
    where.push("started_at < ?");
    params.push(q.startedBefore);
  }
  if (q.after !== undefined) {
    where.push(
      q.reverse ? "(started_at, execution_id) > (?, ?)" : "(started_at, execution_id) < (?, ?)",
    );
    params.push(q.after.startedAt, q.after.executionId);
  }
  const direction = q.reverse ? "ASC" : "DESC";
  const filter = where.length === 0 ? "" : ` WHERE ${where.join(" AND ")}`;
  params.push(q.limit + 1);
  return {
    sql: `SELECT * FROM executions${filter} ORDER BY started_at ${direction}, execution_id ${direction} LIMIT ?`,
    params,
  };
}
