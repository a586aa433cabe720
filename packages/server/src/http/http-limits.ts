/**
 * Size and time limits of the API, with their defaults.
 */
import { ServerError } from "./server-error.ts";

/** Limits a server may tighten or loosen. */
export interface HttpLimits {
  /** Largest start request body (default 6 356 992: a 6 291 456-character input plus its envelope). */
  maxStartBodyBytes?: number;
  /** Largest error body of a stop or a callback failure (default 262 144). */
  maxErrorBodyBytes?: number;
  /** Longest `wait` a synchronous start may ask for (default 300 000 ms). */
  maxSyncWaitMs?: number;
}

/** Limits with every default applied. */
export interface ResolvedHttpLimits {
  maxStartBodyBytes: number;
  maxErrorBodyBytes: number;
  maxSyncWaitMs: number;
  /** Largest callback success body: the service's limit (protocol.md §10), not configurable. */
  maxCallbackResultBytes: number;
}

/** Limits with defaults; INVALID_ARGUMENT for a limit that is not a positive whole number. */
export function resolveHttpLimits(limits: HttpLimits = {}): ResolvedHttpLimits {
  return {
    maxStartBodyBytes: positive(limits.maxStartBodyBytes, 6_356_992, "maxStartBodyBytes"),
    maxErrorBodyBytes: positive(limits.maxErrorBodyBytes, 262_144, "maxErrorBodyBytes"),
    maxSyncWaitMs: positive(limits.maxSyncWaitMs, 300_000, "maxSyncWaitMs"),
    maxCallbackResultBytes: 262_144,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new ServerError(
      "INVALID_ARGUMENT",
      `limits.${name} must be a positive whole number (got ${String(value)}).`,
    );
  return value;
}
