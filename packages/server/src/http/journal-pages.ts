/**
 * Paging over an execution's operations and history events. The engine returns operations whole and
 * events forward only, so pages are cut here: operations by position (they are only ever appended,
 * so positions are stable), events by EventId in either order.
 */
import type { Engine } from "@durably/engine";
import type { Event, Operation } from "@durably/sdk/protocol";
import { invalidMarker } from "./page-marker.ts";

/** A page and where the next one starts, if there is one. */
export interface JournalPage<T> {
  items: T[];
  next?: number;
}

/** Operations from position `offset`, at most `maxItems`. */
export async function readOperationsPage(
  engine: Engine,
  executionId: string,
  offset: number,
  maxItems: number,
): Promise<JournalPage<Operation>> {
  const all = await engine.getOperations(executionId);
  if (offset > all.length) throw invalidMarker("Marker points past the last operation.");
  const items = all.slice(offset, offset + maxItems);
  const end = offset + items.length;
  return end < all.length ? { items, next: end } : { items };
}

/** Options of {@link readHistoryPage}. */
export interface HistoryPageRequest {
  /** EventId the previous page ended at (exclusive bound of this page). */
  boundary?: number;
  reverse: boolean;
  maxItems: number;
}

/** History events after (or, reversed, before) `boundary`, at most `maxItems`. */
export async function readHistoryPage(
  engine: Engine,
  executionId: string,
  request: HistoryPageRequest,
): Promise<JournalPage<Event>> {
  const { boundary, reverse, maxItems } = request;
  if (!reverse) {
    // One more than asked tells whether another page exists without a second read.
    const events = await engine.getHistory(executionId, {
      afterEventId: boundary ?? 0,
      limit: maxItems + 1,
    });
    const items = events.slice(0, maxItems);
    const last = items.at(-1);
    return events.length > maxItems && last !== undefined
      ? { items, next: last.EventId }
      : { items };
  }
  // The engine reads forward only (no "before EventId" query), so a reversed page reads the history.
  const events = await engine.getHistory(executionId);
  const before = boundary === undefined ? events : events.filter((e) => e.EventId < boundary);
  const items = before.slice(-maxItems).reverse();
  const last = items.at(-1);
  return before.length > maxItems && last !== undefined ? { items, next: last.EventId } : { items };
}
