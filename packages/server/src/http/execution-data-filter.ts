/**
 * `IncludeExecutionData=false` of GetDurableExecutionHistory: the events keep their shape and
 * metadata, but inputs, results and errors lose their payloads (which may hold user data).
 */
import type { Event } from "@durably/sdk/protocol";

const payloadMembers = ["Input", "Result", "Error"] as const;

/** A copy of `event` without payloads in its details. */
export function withoutExecutionData(event: Event): Event {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("Details") || typeof value !== "object" || value === null) continue;
    const details: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const member of payloadMembers) {
      const payload = details[member];
      if (typeof payload !== "object" || payload === null) continue;
      const { Payload: _dropped, ...rest } = payload as Record<string, unknown>;
      details[member] = rest;
    }
    copy[key] = details;
  }
  return copy as unknown as Event;
}
