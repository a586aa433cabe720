/** A length of time; at least one unit is given (spec/sdk-api.md §4). */
export type Duration =
  | { days: number; hours?: number; minutes?: number; seconds?: number }
  | { hours: number; minutes?: number; seconds?: number }
  | { minutes: number; seconds?: number }
  | { seconds: number };

/** Total seconds of a duration; missing units count 0 and fractions are kept. */
export function durationToSeconds(duration: Duration): number {
  const parts = duration as { days?: number; hours?: number; minutes?: number; seconds?: number };
  return (
    (parts.days ?? 0) * 86_400 +
    (parts.hours ?? 0) * 3_600 +
    (parts.minutes ?? 0) * 60 +
    (parts.seconds ?? 0)
  );
}
