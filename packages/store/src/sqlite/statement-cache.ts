/**
 * Prepared statements of one connection, prepared on first use and reused: preparing is a large
 * part of the cost of a small statement.
 */
import type { SqliteDatabase, SqliteStatement, SqliteValue } from "./sqlite-driver.ts";

/** Statements of one connection, by SQL text. */
export class StatementCache {
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** The prepared statement for `sql`. */
  statement(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** First row of `sql`, if any. */
  get<T>(sql: string, ...params: SqliteValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  /** Every row of `sql`. */
  all<T>(sql: string, ...params: SqliteValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Runs `sql` and returns how many rows it changed. */
  run(sql: string, ...params: SqliteValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  /** Forgets every statement (before the connection closes). */
  clear(): void {
    this.#statements.clear();
  }
}
