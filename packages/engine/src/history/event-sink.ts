/**
 * Builds the history events of one commit, numbering them after the execution's last EventId.
 * Operation events copy Id, Name, ParentId and SubType of the operation; execution and invocation
 * events carry none (protocol.md §11).
 */
import type {
  ErrorObject,
  Event,
  EventError,
  EventResult,
  EventType,
  Operation,
} from "@durably/sdk/protocol";

/** The fields an operation event copies from its operation. */
export type OperationIdentity = Pick<Operation, "Id" | "Name" | "ParentId" | "SubType">;

/** Events of one commit, in order. */
export class EventSink {
  readonly events: Event[] = [];
  readonly #timestamp: Date;
  #lastEventId: number;

  constructor(lastEventId: number, now: number) {
    this.#lastEventId = lastEventId;
    this.#timestamp = new Date(now);
  }

  /** EventId of the last event added (or the starting one). */
  get lastEventId(): number {
    return this.#lastEventId;
  }

  /** Appends an event of `type` whose `<type>Details` member is `details`. */
  add(type: EventType, identity: OperationIdentity | undefined, details: object): void {
    const event: Record<string, unknown> = {
      EventType: type,
      EventId: ++this.#lastEventId,
      EventTimestamp: this.#timestamp,
    };
    if (identity !== undefined) {
      event["Id"] = identity.Id;
      if (identity.Name !== undefined) event["Name"] = identity.Name;
      if (identity.ParentId !== undefined) event["ParentId"] = identity.ParentId;
      if (identity.SubType !== undefined) event["SubType"] = identity.SubType;
    }
    event[`${type}Details`] = details;
    this.events.push(event as unknown as Event);
  }
}

/** An event's result member. Durably keeps payloads whole, so a present payload is never truncated. */
export function eventResult(payload: string | undefined): EventResult {
  return payload === undefined ? {} : { Payload: payload, Truncated: false };
}

/** An event's error member. */
export function eventError(error: ErrorObject | undefined): EventError {
  return error === undefined ? {} : { Payload: error, Truncated: false };
}
