/**
 * Aggregated results, in the JSON shape `bench/results/latest.json` keeps.
 */
import type { Measurement } from "../workloads/measurement.ts";
import { median } from "./stats.ts";

/** One (workload, implementation) row of the results file. */
export interface BenchRow {
  workload: string;
  implementation: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakRssMb: number;
  medianCpuMs: number;
  extra: Record<string, number>;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Groups measurements into rows (medians of every figure). */
export function aggregate(measurements: readonly Measurement[]): BenchRow[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.workload}\u0000${m.implementation}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((ms) => {
    const first = ms[0] as Measurement;
    const walls = ms.map((m) => m.wallMs);
    const extra: Record<string, number> = {};
    for (const key of Object.keys(first.extra))
      extra[key] = round(median(ms.map((m) => m.extra[key] ?? 0)));
    return {
      workload: first.workload,
      implementation: first.implementation,
      runs: ms.length,
      medianMs: round(median(walls)),
      minMs: round(Math.min(...walls)),
      maxMs: round(Math.max(...walls)),
      peakRssMb: round(median(ms.map((m) => m.peakRssMb))),
      medianCpuMs: round(median(ms.map((m) => m.cpuMs))),
      extra,
    };
  });
}
