/**
 * The `wait` bound of a synchronous start: a whole number with a unit (`500ms`, `30s`, `2m`).
 * Units are required so `wait=30` cannot be read as 30 ms by one client and 30 s by another.
 */

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };
const pattern = /^(\d{1,9})(ms|s|m)$/;

/** The bound in milliseconds, or undefined when `text` is not a duration. */
export function parseWaitDuration(text: string): number | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const [, amount, unit] = match;
  const factor = unit === undefined ? undefined : units[unit];
  if (amount === undefined || factor === undefined) return undefined;
  return Number(amount) * factor;
}
