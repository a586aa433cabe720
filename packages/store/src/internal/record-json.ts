/**
 * JSON text of operations and events for adapters that store them as documents. Dates are written
 * as epoch milliseconds and revived on read, but only where the protocol types declare a `Date`,
 * so strings that merely look like dates are left alone.
 */
import type { Event, Operation } from "@durably/sdk/protocol";

type Json = Record<string, unknown>;

/** Where the protocol types put a `Date`: top-level fields, then `[member, field]` pairs. */
interface DatePaths {
  top: readonly string[];
  nested: readonly (readonly [string, string])[];
}

const operationDates: DatePaths = {
  top: ["StartTimestamp", "EndTimestamp"],
  nested: [
    ["StepDetails", "NextAttemptTimestamp"],
    ["WaitDetails", "ScheduledEndTimestamp"],
  ],
};

const eventDates: DatePaths = {
  top: ["EventTimestamp"],
  nested: [
    ["WaitStartedDetails", "ScheduledEndTimestamp"],
    ["InvocationCompletedDetails", "StartTimestamp"],
    ["InvocationCompletedDetails", "EndTimestamp"],
  ],
};

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null;
}

// Copies only the objects on a date path, so the caller's record is never modified.
function datesToMs(record: Json, paths: DatePaths): Json {
  const out: Json = { ...record };
  for (const field of paths.top) {
    const value = out[field];
    if (value instanceof Date) out[field] = value.getTime();
  }
  for (const [member, field] of paths.nested) {
    const inner = out[member];
    if (!isObject(inner) || !(inner[field] instanceof Date)) continue;
    const copy: Json = inner === record[member] ? { ...inner } : inner;
    copy[field] = (inner[field] as Date).getTime();
    out[member] = copy;
  }
  return out;
}

// Mutates freshly parsed JSON in place: nobody else holds a reference to it.
function msToDates(record: Json, paths: DatePaths): Json {
  for (const field of paths.top) {
    const value = record[field];
    if (typeof value === "number") record[field] = new Date(value);
  }
  for (const [member, field] of paths.nested) {
    const inner = record[member];
    if (isObject(inner) && typeof inner[field] === "number") inner[field] = new Date(inner[field]);
  }
  return record;
}

/** JSON text of an operation, its dates as epoch ms. */
export function encodeOperation(operation: Operation): string {
  return JSON.stringify(datesToMs(operation as unknown as Json, operationDates));
}

/** Parses {@link encodeOperation}'s output, reviving its dates. */
export function decodeOperation(text: string): Operation {
  return msToDates(JSON.parse(text) as Json, operationDates) as unknown as Operation;
}

/** JSON text of a history event, its dates as epoch ms. */
export function encodeEvent(event: Event): string {
  return JSON.stringify(datesToMs(event as unknown as Json, eventDates));
}

/** Parses {@link encodeEvent}'s output, reviving its dates. */
export function decodeEvent(text: string): Event {
  return msToDates(JSON.parse(text) as Json, eventDates) as unknown as Event;
}
