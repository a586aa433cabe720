/** Instants as the console shows them: local date and time to the millisecond, sortable at a glance. */

/** "2025-11-22 07:01:02.123" in the viewer's time zone (or UTC when `utc`). */
export function formatInstant(at: number, options: { utc?: boolean } = {}): string {
  const date = new Date(at);
  const utc = options.utc === true;
  const parts = [
    utc ? date.getUTCFullYear() : date.getFullYear(),
    (utc ? date.getUTCMonth() : date.getMonth()) + 1,
    utc ? date.getUTCDate() : date.getDate(),
    utc ? date.getUTCHours() : date.getHours(),
    utc ? date.getUTCMinutes() : date.getMinutes(),
    utc ? date.getUTCSeconds() : date.getSeconds(),
  ].map((value) => value.toString().padStart(2, "0"));
  const ms = (utc ? date.getUTCMilliseconds() : date.getMilliseconds()).toString().padStart(3, "0");
  const [year, month, dayOfMonth, hours, minutes, seconds] = parts;
  return `${year}-${month}-${dayOfMonth} ${hours}:${minutes}:${seconds}.${ms}`;
}

/** Only the time of day ("07:01:02"), for axis ticks and sentences about today. */
export function formatTimeOfDay(at: number, options: { utc?: boolean } = {}): string {
  return formatInstant(at, options).slice(11, 19);
}
