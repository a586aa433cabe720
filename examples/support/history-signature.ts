/**
 * A stable summary of an execution's history for the example tests: one (EventType, SubType,
 * Name) triple per event. InvocationCompleted events are left out, because how many invocations a
 * run takes depends on time skipping, not on what the function did.
 */
import type { Event } from "@durably/sdk/protocol";

/** One history event as the tests compare it. */
export type EventSignature = [
  eventType: string,
  subType: string | undefined,
  name: string | undefined,
];

/** The (EventType, SubType, Name) of every event but InvocationCompleted, in EventId order. */
export function historySignature(events: readonly Event[]): EventSignature[] {
  return events
    .filter((event) => event.EventType !== "InvocationCompleted")
    .map((event) => [event.EventType, event.SubType, event.Name]);
}

/** How many events of each "EventType SubType" there are, for histories too long to list. */
export function historyCounts(events: readonly Event[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) {
    if (event.EventType === "InvocationCompleted") continue;
    const key =
      event.SubType === undefined ? event.EventType : `${event.EventType} ${event.SubType}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The event types of each named operation, in order, keyed by "Name (SubType)". Branches of a
 * map or parallel interleave in the history; each operation's own sequence does not, so this is
 * the stable view of their concurrent parts.
 */
export function eventsByOperation(events: readonly Event[]): Record<string, string[]> {
  const byOperation: Record<string, string[]> = {};
  for (const event of events) {
    if (event.Name === undefined) continue;
    const key = `${event.Name} (${event.SubType ?? "?"})`;
    (byOperation[key] ??= []).push(event.EventType);
  }
  return byOperation;
}
