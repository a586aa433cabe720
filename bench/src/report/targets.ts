/**
 * Durably's performance targets (the benchmark issue), checked against a run's rows.
 * "Missed by" is how far the figure is from the target: the factor still missing for a ratio target,
 * the measured ÷ limit for an absolute one.
 */
import type { BenchRow } from "./bench-row.ts";
import { fmt, markdownTable, primaryMs } from "./format-table.ts";

/**
 * The same time on the fastest run (min): on a shared machine the least-disturbed run. The offset
 * between the median wall time and the primary time (the sleep in W4) is the same for every run.
 */
function primaryMinMs(row: BenchRow): number {
  return row.minMs - (row.medianMs - primaryMs(row));
}

const durably = [
  "durably-memory",
  "durably-sqlite",
  "durably-postgres-1w",
  "durably-postgres-4w",
  "durably-testing",
];
const peers = ["aws-local", "aws-local-skiptime", "dbos", "restate"];

/** One checked target. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined when a row it needs was not measured. */
  met: boolean | undefined;
  missedBy: string;
  /** The same check on each row's fastest run (min), for a shared machine. */
  onFastestRuns?: string;
}

function find(
  rows: readonly BenchRow[],
  workload: string,
  implementation: string,
): BenchRow | undefined {
  return rows.find((r) => r.workload === workload && r.implementation === implementation);
}

function fastestPeer(rows: readonly BenchRow[], workload: string): BenchRow | undefined {
  return rows
    .filter((r) => r.workload === workload && peers.includes(r.implementation))
    .sort((a, b) => primaryMs(a) - primaryMs(b))[0];
}

const unmeasured = (target: string): TargetCheck => ({
  target,
  measured: "not measured",
  met: undefined,
  missedBy: "-",
});

/** `durablyRow` at least `factor` times faster than `peerRow` (primary times). */
function faster(
  target: string,
  durablyRow: BenchRow | undefined,
  peerRow: BenchRow | undefined,
  factor: number,
): TargetCheck {
  if (!durablyRow || !peerRow) return unmeasured(target);
  const achieved = primaryMs(peerRow) / primaryMs(durablyRow);
  const best = primaryMinMs(peerRow) / primaryMinMs(durablyRow);
  const met = achieved >= factor;
  return {
    target,
    measured: `${fmt(achieved)}× (${durablyRow.implementation} ${fmt(primaryMs(durablyRow))} ms vs ${peerRow.implementation} ${fmt(primaryMs(peerRow))} ms)`,
    met,
    missedBy: met ? "-" : `${fmt(factor / achieved)}× short`,
    onFastestRuns: `${fmt(best)}× (${best >= factor ? "met" : `${fmt(factor / best)}× short`})`,
  };
}

/** A throughput (executions/s) ratio of at least `factor`. */
function throughputRatio(
  target: string,
  row: BenchRow | undefined,
  base: BenchRow | undefined,
  factor: number,
): TargetCheck {
  const a = row?.extra["executionsPerSec"];
  const b = base?.extra["executionsPerSec"];
  if (!row || !base || a === undefined || b === undefined) return unmeasured(target);
  const achieved = a / b;
  const best = base.minMs / row.minMs;
  const met = achieved >= factor;
  return {
    target,
    measured: `${fmt(achieved)}× (${row.implementation} ${fmt(a)} exec/s vs ${base.implementation} ${fmt(b)} exec/s)`,
    met,
    missedBy: met ? "-" : `${fmt(factor / achieved)}× short`,
    onFastestRuns: `${fmt(best)}× (${best >= factor ? "met" : `${fmt(factor / best)}× short`})`,
  };
}

/** A time under `limitMs`. */
function under(target: string, row: BenchRow | undefined, limitMs: number): TargetCheck {
  if (!row) return unmeasured(target);
  const ms = primaryMs(row);
  const best = primaryMinMs(row);
  const met = ms <= limitMs;
  return {
    target,
    measured: `${fmt(ms)} ms (${row.implementation})`,
    met,
    missedBy: met ? "-" : `${fmt(ms / limitMs)}× over (+${fmt(ms - limitMs)} ms)`,
    onFastestRuns: `${fmt(best)} ms (${best <= limitMs ? "met" : `${fmt(best / limitMs)}× over`})`,
  };
}

/** Checks every target that the rows allow. */
export function checkTargets(rows: readonly BenchRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const w = (workload: string, implementation: string): BenchRow | undefined =>
    find(rows, workload, implementation);
  checks.push(
    faster(
      "W1 (1,000 steps): SQLite ≥ 30× faster than the fastest peer",
      w("W1-1000", "durably-sqlite"),
      fastestPeer(rows, "W1-1000"),
      30,
    ),
  );
  checks.push(
    faster(
      "W1 (1,000 steps): memory ≥ 100× faster than aws-local",
      w("W1-1000", "durably-memory"),
      w("W1-1000", "aws-local"),
      100,
    ),
  );
  checks.push(
    faster(
      "T1 (W1, 1,000 steps): durably-testing ≥ 100× faster than aws-local-skiptime",
      w("W1-1000", "durably-testing"),
      w("W1-1000", "aws-local-skiptime"),
      100,
    ),
  );
  checks.push(
    faster(
      "T1 (W4): durably-testing ≥ 100× faster than aws-local-skiptime",
      w("W4-100", "durably-testing"),
      w("W4-100", "aws-local-skiptime"),
      100,
    ),
  );
  checks.push(
    throughputRatio(
      "W2: SQLite ≥ 6× aws-local's executions/s",
      w("W2-500", "durably-sqlite"),
      w("W2-500", "aws-local"),
      6,
    ),
  );
  checks.push(
    throughputRatio(
      "W2: PostgreSQL 1 worker ≥ 3× DBOS",
      w("W2-500", "durably-postgres-1w"),
      w("W2-500", "dbos"),
      3,
    ),
  );
  checks.push(
    throughputRatio(
      "W2: PostgreSQL 4 workers ≥ 2.5× 1 worker",
      w("W2-500", "durably-postgres-4w"),
      w("W2-500", "durably-postgres-1w"),
      2.5,
    ),
  );
  checks.push(
    faster(
      "W3 (1,000 items): SQLite ≥ 8× faster than the fastest peer",
      w("W3-1000", "durably-sqlite"),
      fastestPeer(rows, "W3-1000"),
      8,
    ),
  );
  checks.push(under("W3 (10,000 items) under 1 s: SQLite", w("W3-10000", "durably-sqlite"), 1000));
  checks.push(under("W3 (10,000 items) under 1 s: memory", w("W3-10000", "durably-memory"), 1000));
  checks.push(under("W4 under 20 ms beyond the sleep: SQLite", w("W4-100", "durably-sqlite"), 20));
  checks.push(under("W4 under 20 ms beyond the sleep: memory", w("W4-100", "durably-memory"), 20));
  for (const implementation of durably) {
    const small = w("W1-1000", implementation);
    const large = w("W1-10000", implementation);
    if (!small || !large) continue;
    const growth = large.medianMs / small.medianMs;
    const best = large.minMs / small.minMs;
    checks.push({
      target: `W1 10,000 ≤ 11× W1 1,000: ${implementation}`,
      measured: `${fmt(growth)}× (${fmt(large.medianMs)} ms vs ${fmt(small.medianMs)} ms)`,
      met: growth <= 11,
      missedBy: growth <= 11 ? "-" : `${fmt(growth / 11)}× over`,
      onFastestRuns: `${fmt(best)}× (${best <= 11 ? "met" : `${fmt(best / 11)}× over`})`,
    });
  }
  for (const workload of new Set(rows.map((r) => r.workload))) {
    const leanest = rows
      .filter((r) => r.workload === workload && peers.includes(r.implementation))
      .sort((a, b) => a.peakRssMb - b.peakRssMb)[0];
    for (const r of rows.filter(
      (x) => x.workload === workload && durably.includes(x.implementation),
    )) {
      const target = `Peak RSS ≤ leanest peer: ${workload} ${r.implementation}`;
      if (!leanest) {
        checks.push(unmeasured(target));
        continue;
      }
      const met = r.peakRssMb <= leanest.peakRssMb;
      checks.push({
        target,
        measured: `${fmt(r.peakRssMb)} MB vs ${leanest.implementation} ${fmt(leanest.peakRssMb)} MB`,
        met,
        missedBy: met
          ? "-"
          : `+${fmt(r.peakRssMb - leanest.peakRssMb)} MB (${fmt(r.peakRssMb / leanest.peakRssMb)}×)`,
      });
    }
  }
  return checks;
}

/** The targets as a table. */
export function formatTargets(rows: readonly BenchRow[]): string {
  const cells = [["target", "measured (medians)", "met", "missed by", "on the fastest runs (min)"]];
  for (const c of checkTargets(rows)) {
    cells.push([
      c.target,
      c.measured,
      c.met === undefined ? "n/a" : c.met ? "yes" : "NO",
      c.missedBy,
      c.onFastestRuns ?? "-",
    ]);
  }
  return `### Targets\n\n${markdownTable(cells)}`;
}
