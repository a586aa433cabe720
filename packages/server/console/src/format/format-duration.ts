/** Human durations for the console: short, two units at most, exact below a second. */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** `ms` as "850ms", "4.2s", "3m 05s", "2h 10m" or "3d 4h"; negative durations read as 0. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < second) return `${value}ms`;
  if (value < minute) {
    // One decimal below ten seconds, where it still tells something.
    const seconds = value / second;
    return seconds < 10 ? `${trimZero(seconds.toFixed(1))}s` : `${Math.floor(seconds)}s`;
  }
  if (value < hour)
    return `${Math.floor(value / minute)}m ${pad(Math.floor((value % minute) / second))}s`;
  if (value < day)
    return `${Math.floor(value / hour)}h ${pad(Math.floor((value % hour) / minute))}m`;
  return `${Math.floor(value / day)}d ${Math.floor((value % day) / hour)}h`;
}

/** "in 4m 03s" for a future instant, "4m 03s ago" for a past one, "now" within a second. */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  if (Math.abs(delta) < second) return "now";
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

function pad(value: number): string {
  return value.toString().padStart(2, "0");
}

function trimZero(text: string): string {
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}
