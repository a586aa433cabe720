/** Tick marks of the time axis at round durations (1s, 5s, 1m, …) from the execution's start. */

const steps = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000,
  300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
  86_400_000, 172_800_000, 604_800_000,
];

/** Offsets (ms after the start) for at most `maxTicks` ticks, 0 included. */
export function axisTicks(spanMs: number, maxTicks: number): number[] {
  const span = Math.max(1, spanMs);
  const wanted = Math.max(1, maxTicks - 1);
  const step = steps.find((candidate) => span / candidate <= wanted) ?? Math.ceil(span / wanted);
  const ticks: number[] = [];
  for (let at = 0; at <= span; at += step) ticks.push(at);
  return ticks;
}

/** Position of `at` on an axis [start, end], as a fraction clamped to [0, 1]. */
export function axisFraction(at: number, start: number, end: number): number {
  const span = end - start;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (at - start) / span));
}
