/**
 * Text tables of benchmark rows, one per workload, with ratios to a baseline implementation.
 */
import type { BenchRow } from "./bench-row.ts";

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length))) ?? [];
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** One table per workload; `ratio` = row median ÷ baseline median (lower is faster). */
export function formatTables(rows: readonly BenchRow[], baseline: string): string {
  const out: string[] = [];
  for (const workload of [...new Set(rows.map((r) => r.workload))]) {
    const group = rows.filter((r) => r.workload === workload);
    const base = group.find((r) => r.implementation === baseline);
    const header = ["implementation", "runs", "median ms (min–max)", "µs/step", "beyond sleep ms", "CPU ms", "peak RSS MB", `× ${baseline}`];
    const cells = [header];
    for (const r of group) {
      cells.push([
        r.implementation,
        String(r.runs),
        `${fmt(r.medianMs)} (${fmt(r.minMs)}–${fmt(r.maxMs)})`,
        r.extra["usPerStep"] === undefined ? "-" : fmt(r.extra["usPerStep"]),
        r.extra["beyondSleepMs"] === undefined ? "-" : fmt(r.extra["beyondSleepMs"]),
        fmt(r.medianCpuMs),
        fmt(r.peakRssMb),
        base ? fmt(r.medianMs / base.medianMs) : "-",
      ]);
    }
    out.push(`${workload}\n${pad(cells)}`);
  }
  return out.join("\n\n");
}
