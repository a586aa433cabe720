/** Builders of operations and history events for the console's unit tests. */
import type { ApiEvent, ApiOperation } from "../../api/api-types.ts";

/** ISO text of epoch ms `ms`: tests think in small numbers, the API sends ISO text. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** An operation with defaults for the fields a test does not care about. */
export function operation(
  fields: Partial<ApiOperation> & Pick<ApiOperation, "Id" | "Type">,
): ApiOperation {
  return { Status: "SUCCEEDED", StartTimestamp: iso(0), ...fields };
}

/** Collects events and numbers them in the order they are added. */
export class EventLog {
  readonly events: ApiEvent[] = [];

  /** Adds an event; returns the log for chaining. */
  add(fields: Omit<ApiEvent, "EventId">): this {
    this.events.push({ ...fields, EventId: this.events.length + 1 });
    return this;
  }
}
