/**
 * Compares an execution history with a requirement's expected events, matched by EventId.
 */
import type { Event } from "@durably/sdk/protocol";
import { matchValue } from "./match-value.ts";
import type { Bindings } from "./match-value.ts";

/** The history as plain JSON (Dates as ISO text), the form the requirements are written in. */
export function toPlainHistory(events: readonly Event[]): Record<string, unknown>[] {
  return JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
}

function signature(event: Record<string, unknown> | undefined): string {
  if (!event) return "(none)";
  return [event["EventType"], event["SubType"], event["Name"]]
    .filter((x): x is string => typeof x === "string")
    .join("/");
}

/** First mismatch between expected and actual events, or undefined. */
export function matchHistory(
  expected: readonly Record<string, unknown>[],
  actual: readonly Event[],
  bindings: Bindings,
): string | undefined {
  const plain = toPlainHistory(actual);
  const byId = new Map(plain.map((e) => [Number(e["EventId"]), e]));
  for (const want of expected) {
    const eventId = Number(want["EventId"]);
    const got = byId.get(eventId);
    if (!got) {
      return `event ${eventId} (${signature(want)}): missing; the history has ${plain.length} events`;
    }
    if (want["EventType"] !== got["EventType"]) {
      return `event ${eventId}: expected ${signature(want)}, got ${signature(got)}`;
    }
    const miss = matchValue(want, got, bindings, `event ${eventId} (${signature(want)})`);
    if (miss) return miss;
  }
  return undefined;
}
