/**
 * Small formatters shared by every view: durations, clock times, previews of JSON payloads.
 */
import { characters, visibleWidth } from "./colors.ts";

/** A timestamp as the protocol may carry it. */
export type TimestampLike = Date | string | number | undefined | null;

/** Epoch ms of a timestamp in any wire form, or undefined when absent or invalid. */
export function toEpochMs(value: TimestampLike): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Human duration: "850ms", "3.2s", "2m 05s", "1h 02m", "3d 04h". */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)}ms`;
  if (value < 10_000) return `${trimZero((value / 1000).toFixed(2))}s`;
  if (value < 60_000) return `${trimZero((value / 1000).toFixed(1))}s`;
  const seconds = Math.floor(value / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad2(seconds % 60)}s`;
  if (seconds < 86_400)
    return `${Math.floor(seconds / 3600)}h ${pad2(Math.floor((seconds % 3600) / 60))}m`;
  return `${Math.floor(seconds / 86_400)}d ${pad2(Math.floor((seconds % 86_400) / 3600))}h`;
}

function trimZero(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Options that fix how instants are shown (tests pin the time zone). */
export interface TimeFormatOptions {
  /** IANA time zone; the system's when absent. */
  timeZone?: string | undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "time" | "datetime", timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let found = formatters.get(key);
  if (found === undefined) {
    const base: Intl.DateTimeFormatOptions = {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    };
    const options: Intl.DateTimeFormatOptions =
      kind === "time" ? base : { ...base, year: "numeric", month: "2-digit", day: "2-digit" };
    if (timeZone !== undefined) options.timeZone = timeZone;
    found = new Intl.DateTimeFormat("en-CA", options);
    formatters.set(key, found);
  }
  return found;
}

/** Wall-clock time of an instant, "12:03:04". */
export function formatClockTime(epochMs: number, options: TimeFormatOptions = {}): string {
  return formatter("time", options.timeZone).format(epochMs);
}

/** Date and time of an instant, "2025-06-01 12:03:04". */
export function formatDateTime(epochMs: number, options: TimeFormatOptions = {}): string {
  return formatter("datetime", options.timeZone).format(epochMs).replace(",", "");
}

/** Cuts text to `width` visible columns, ending with "…" when cut. Plain text only. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (visibleWidth(text) <= width) return text;
  return (
    characters(text)
      .slice(0, Math.max(0, width - 1))
      .join("") + "…"
  );
}

/** One-line preview of a JSON payload (compact JSON, cut to `width`). */
export function previewPayload(payload: string | undefined, width = 60): string {
  if (payload === undefined || payload === "") return "";
  let compact = payload;
  try {
    compact = JSON.stringify(JSON.parse(payload));
  } catch {
    // Not JSON (a user serdes): show it as stored.
  }
  return truncate(compact.replace(/\s+/g, " "), width);
}

/** A payload parsed as JSON when it is JSON, else the raw text; undefined stays undefined. */
export function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

/** Pretty-printed payload for result blocks. */
export function prettyPayload(payload: string | undefined): string {
  if (payload === undefined || payload === "") return "(none)";
  const value = parsePayload(payload);
  return typeof value === "string" && value === payload ? payload : JSON.stringify(value, null, 2);
}
