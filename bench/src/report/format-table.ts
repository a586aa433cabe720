/**
 * Text tables of benchmark rows, one per workload, with each row's ratio to Durably.
 */
import type { BenchRow } from "./bench-row.ts";

/** Pads cells into a Markdown table (readable as text too). */
export function markdownTable(cells: readonly (readonly string[])[]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: readonly string[]): string =>
    `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [header, ...body] = cells;
  if (!header) return "";
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** Rounds for display: 3 significant figures, thousands separated. */
export const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return x.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
};

/** The time that counts for a row: wall time, or the time beyond the sleep (W4). */
export function primaryMs(row: BenchRow): number {
  return row.extra["beyondSleepMs"] ?? row.medianMs;
}

/** `peer ÷ base` of the primary time: how many times longer the row took than `base`. */
function ratio(row: BenchRow, base: BenchRow | undefined): string {
  return base ? `${fmt(primaryMs(row) / primaryMs(base))}×` : "-";
}

const opt = (x: number | undefined): string => (x === undefined ? "-" : fmt(x));

/**
 * One table per workload. The ratio columns divide each row's time (beyond the sleep for W4) by
 * durably-sqlite's and durably-memory's: 10× means that row took ten times as long as Durably.
 * "others' cores" is how many of the machine's cores other processes kept busy during the measured
 * run (median): the machine is shared, and a high figure means other work competed for its 2 cores.
 */
export function formatTables(rows: readonly BenchRow[]): string {
  const out: string[] = [];
  for (const workload of new Set(rows.map((r) => r.workload))) {
    const group = rows.filter((r) => r.workload === workload);
    const sqlite = group.find((r) => r.implementation === "durably-sqlite");
    const memory = group.find((r) => r.implementation === "durably-memory");
    const throughput = workload.startsWith("W2");
    const sleep = group.some((r) => r.extra["beyondSleepMs"] !== undefined);
    const header = [
      "implementation",
      "runs",
      "wall ms, median (min–max)",
      ...(sleep ? ["beyond sleep ms"] : []),
      ...(throughput ? ["exec/s", "steps/s", "p50 / p99 latency ms"] : ["µs/step"]),
      "CPU ms",
      "helper CPU ms",
      "peak RSS MB",
      "helper RSS MB",
      "others' cores",
      "÷ durably-sqlite",
      "÷ durably-memory",
    ];
    const cells = [header];
    for (const r of group) {
      const x = r.extra;
      cells.push([
        r.implementation,
        String(r.runs),
        `${fmt(r.medianMs)} (${fmt(r.minMs)}–${fmt(r.maxMs)})`,
        ...(sleep ? [opt(x["beyondSleepMs"])] : []),
        ...(throughput
          ? [
              opt(x["executionsPerSec"]),
              opt(x["stepsPerSec"]),
              `${opt(x["p50LatencyMs"])} / ${opt(x["p99LatencyMs"])}`,
            ]
          : [opt(x["usPerStep"])]),
        fmt(r.medianCpuMs),
        opt(x["helperCpuMs"]),
        fmt(r.peakRssMb),
        opt(x["helperPeakRssMb"]),
        opt(x["otherCores"]),
        ratio(r, sqlite),
        ratio(r, memory),
      ]);
    }
    out.push(`### ${workload}\n\n${markdownTable(cells)}`);
  }
  return out.join("\n\n");
}
