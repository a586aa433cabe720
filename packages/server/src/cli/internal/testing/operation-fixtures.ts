/**
 * Builders of protocol records for the CLI's unit tests.
 */
import type { Event, Operation } from "@durably/sdk/protocol";

/** A fixed origin for test instants: 2025-06-01T12:00:00Z. */
export const T0: number = Date.UTC(2025, 5, 1, 12, 0, 0);

/** An operation with sensible defaults; `start`/`end` are ms after {@link T0}. */
export function operation(
  fields: Partial<Operation> & { Id: string; start?: number; end?: number },
): Operation {
  const { start, end, ...rest } = fields;
  return {
    Type: "STEP",
    Status: "SUCCEEDED",
    ...(start === undefined ? {} : { StartTimestamp: new Date(T0 + start) }),
    ...(end === undefined ? {} : { EndTimestamp: new Date(T0 + end) }),
    ...rest,
  };
}

/** A history event at `at` ms after {@link T0}. */
export function event(
  fields: Partial<Event> & Pick<Event, "EventType" | "EventId">,
  at = 0,
): Event {
  return { EventTimestamp: new Date(T0 + at), ...fields };
}
