/**
 * The SQL of `listExecutions` for a validated query: filters, keyset cursor and order, fetching
 * one row more than the page to know whether another page follows.
 */
import type { CheckedExecutionQuery } from "../internal/query-checks.ts";
import type { PgQuery } from "./pg-driver.ts";
import type { SchemaTables } from "./postgres-sql.ts";
import { toPgText } from "./postgres-text.ts";

/** Builds the listing query; its text varies only with which filters are present. */
export function buildListExecutions(tables: SchemaTables, q: CheckedExecutionQuery): PgQuery {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (q.functionName !== undefined)
    where.push(`function_name = ${param(toPgText(q.functionName))}`);
  if (q.statuses !== undefined) where.push(`status = ANY(${param([...q.statuses])}::text[])`);
  if (q.namePrefix !== undefined) {
    // Case-sensitive and literal (LIKE would treat % and _ as patterns); the NUL escape keeps prefixes.
    where.push(`starts_with(name, ${param(toPgText(q.namePrefix))})`);
  }
  if (q.startedAfter !== undefined) where.push(`started_at >= ${param(q.startedAfter)}`);
  if (q.startedBefore !== undefined) where.push(`started_at < ${param(q.startedBefore)}`);
  if (q.after !== undefined) {
    const key = `(${param(q.after.startedAt)}::float8, ${param(toPgText(q.after.executionId))}::text)`;
    where.push(`(started_at, execution_id) ${q.reverse ? ">" : "<"} ${key}`);
  }
  const direction = q.reverse ? "ASC" : "DESC";
  const filter = where.length === 0 ? "" : ` WHERE ${where.join(" AND ")}`;
  return {
    text:
      `SELECT ${tables.executionColumns} FROM ${tables.executions}${filter} ` +
      `ORDER BY started_at ${direction}, execution_id ${direction} LIMIT ${param(q.limit + 1)}`,
    values,
  };
}
