/** Normalises the timestamp forms the API may send (ISO text, epoch ms, or a Date) to epoch ms. */

/** A timestamp as JSON carries it. */
export type Instant = string | number | Date;

/** Epoch ms of `value`, or undefined when it is absent or not a valid time. */
export function toEpochMs(value: Instant | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
