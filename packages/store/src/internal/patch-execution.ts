/**
 * Applies an {@link ExecutionPatch} to an execution row: absent fields stay, `null` clears an
 * optional field, anything else replaces it.
 */
import type { ExecutionRecord } from "../port/records.ts";
import type { ExecutionPatch } from "../port/store.ts";

// Every patchable field except lastEventId, which the caller derives from the events it appends.
const patchKeys = [
  "status",
  "result",
  "error",
  "endedAt",
  "generation",
  "checkpointSeq",
  "readyAt",
  "leaseOwner",
  "leaseExpiresAt",
  "attributes",
] as const satisfies readonly (keyof ExecutionPatch)[];

/** Returns a new row: `current` with `patch` applied, the given version and lastEventId. */
export function patchExecution(
  current: ExecutionRecord,
  patch: ExecutionPatch | undefined,
  version: number,
  lastEventId: number,
): ExecutionRecord {
  const next: Record<string, unknown> = { ...current, version, lastEventId };
  if (patch !== undefined) {
    for (const key of patchKeys) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value === null) delete next[key];
      else next[key] = value;
    }
  }
  return next as unknown as ExecutionRecord;
}
