/** The rows left on screen once some groups are collapsed. */
import type { TimelineRow } from "./timeline-types.ts";

/** Rows in order, without the descendants of collapsed rows; one pass, so 10,000 rows cost nothing. */
export function visibleRows(
  rows: readonly TimelineRow[],
  collapsed: ReadonlySet<string>,
): TimelineRow[] {
  if (collapsed.size === 0) return rows.slice();
  const result: TimelineRow[] = [];
  let hiddenBelowDepth = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    if (row.depth > hiddenBelowDepth) continue;
    hiddenBelowDepth =
      collapsed.has(row.id) && row.childCount > 0 ? row.depth : Number.POSITIVE_INFINITY;
    result.push(row);
  }
  return result;
}

/** Ids of every row that has children: "collapse all". */
export function groupIds(rows: readonly TimelineRow[]): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) if (row.childCount > 0) ids.add(row.id);
  return ids;
}
