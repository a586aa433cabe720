/**
 * Checks captured log records against a requirement's `ExpectedLogs`: each entry names fields a
 * record must have (`/…/` strings are regexes, `${IDn}` the ids bound by the history), how many
 * records must match (`count`, `min_count`; at least one when neither is given) and records that
 * must have appeared before the first match (`after`).
 */
import type { ExpectedLog } from "../requirements/requirement.ts";
import { matchValue } from "./match-value.ts";
import type { Bindings } from "./match-value.ts";

/** One captured log record (a parsed JSON line, or `{ message }` for plain text). */
export type LogRecord = Record<string, unknown>;

const slashRegex = /^\/(.*)\/$/s;
/** A leading inline `(?i)` (Python/PCRE syntax, which JavaScript lacks) makes the whole pattern case-insensitive. */
const inlineIgnoreCase = /^\(\?i\)/;

function toRegExp(pattern: string): RegExp {
  return inlineIgnoreCase.test(pattern)
    ? new RegExp(pattern.replace(inlineIgnoreCase, ""), "i")
    : new RegExp(pattern);
}

function fieldMatches(expected: unknown, actual: unknown, bindings: Bindings): boolean {
  if (typeof expected === "string") {
    const regex = slashRegex.exec(expected);
    if (regex)
      return (
        actual !== undefined &&
        toRegExp(regex[1] as string).test(
          typeof actual === "string" ? actual : JSON.stringify(actual),
        )
      );
  }
  // Log matching never binds new placeholders: a scratch copy keeps the history's bindings intact.
  return matchValue(expected, actual, new Map(bindings), "") === undefined;
}

function recordMatches(
  pattern: Record<string, unknown>,
  record: LogRecord,
  bindings: Bindings,
): boolean {
  return Object.entries(pattern).every(([key, value]) =>
    fieldMatches(value, record[key], bindings),
  );
}

/** First unmet expectation, or undefined. */
export function matchLogs(
  expected: readonly ExpectedLog[],
  records: readonly LogRecord[],
  bindings: Bindings,
): string | undefined {
  for (const [i, rule] of expected.entries()) {
    const raw = rule as ExpectedLog & { min_count?: number; max_count?: number };
    const hits = records
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => recordMatches(rule.match, r, bindings));
    const label = `log rule ${i + 1} ${JSON.stringify(rule.match)}`;
    if (rule.count !== undefined && hits.length !== rule.count)
      return `${label}: expected ${rule.count} records, got ${hits.length}`;
    if (raw.min_count !== undefined && hits.length < raw.min_count)
      return `${label}: expected at least ${raw.min_count} records, got ${hits.length}`;
    if (raw.max_count !== undefined && hits.length > raw.max_count)
      return `${label}: expected at most ${raw.max_count} records, got ${hits.length}`;
    if (
      rule.count === undefined &&
      raw.min_count === undefined &&
      raw.max_count === undefined &&
      hits.length === 0
    ) {
      return `${label}: no matching record`;
    }
    const first = hits[0];
    if (first && rule.after) {
      for (const before of rule.after) {
        const seen = records.slice(0, first.index).some((r) => recordMatches(before, r, bindings));
        if (!seen)
          return `${label}: expected after ${JSON.stringify(before)}, which had not been logged yet`;
      }
    }
  }
  return undefined;
}
