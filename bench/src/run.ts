/**
 * `npm run bench`: runs every (workload, implementation) pair in fresh processes, round-robin for
 * each repetition, prints one table per workload and the targets, and writes
 * bench/results/latest.json plus a dated copy.
 * Options: --runs N (default 3), --workloads a,b, --implementations a,b, --all (also the pairs left
 * out by default because they take minutes and add nothing; see `slowPairs`), --report FILE (print
 * the tables and targets of a results file again, measuring nothing), --quiet-cores X (before each
 * measurement, wait up to 60 s until other processes keep fewer than X cores busy; default 0.3,
 * 0 turns the wait off).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { implementationNames } from "./implementations/registry.ts";
import { aggregate } from "./report/bench-row.ts";
import type { BenchRow } from "./report/bench-row.ts";
import { formatTables } from "./report/format-table.ts";
import { formatTargets } from "./report/targets.ts";
import { waitForQuiet } from "./workloads/machine-load.ts";
import { MEASUREMENT_PREFIX } from "./workloads/measurement.ts";
import type { Measurement } from "./workloads/measurement.ts";
import { workloads } from "./workloads/workload.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** Pairs skipped unless --all, with the reason printed in the output. */
const slowPairs: Record<string, Record<string, string>> = {
  "W1-10000": {
    "aws-local-skiptime":
      "left out by default (--all runs it): ~20 ms per step in the AWS runner's fake-timer loop, about 200 s per run; linear per the anchors (×5.0 from 1,000 to 5,000 steps)",
  },
};

/** The longest wait for a quiet machine before a measurement. */
const quietWaitMs = 60_000;

/** A measurement process is stopped after this long. */
const measurementTimeoutMs = 15 * 60 * 1000;

function measureOnce(workload: string, implementation: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", join(here, "measure.js"), workload, implementation],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const timer = setTimeout(() => child.kill("SIGKILL"), measurementTimeoutMs);
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith(MEASUREMENT_PREFIX));
      if (code !== 0 || !line) {
        const why =
          signal === "SIGKILL"
            ? `timed out after ${measurementTimeoutMs / 60000} min`
            : `exit ${code}`;
        const detail = (err || out).split("\n").filter((l) => l.trim() !== "");
        const message = detail.find((l) => /error/i.test(l)) ?? detail[0] ?? "";
        reject(new Error(`${why}: ${message.trim().slice(0, 300)}`));
        return;
      }
      resolve(JSON.parse(line.slice(MEASUREMENT_PREFIX.length)) as Measurement);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      workloads: { type: "string" },
      implementations: { type: "string" },
      all: { type: "boolean", default: false },
      report: { type: "string" },
      "quiet-cores": { type: "string", default: "0.3" },
    },
  });
  if (values.report !== undefined) {
    const saved = JSON.parse(readFileSync(values.report, "utf8")) as BenchRow[];
    console.log(`${formatTables(saved)}\n\n${formatTargets(saved)}`);
    return;
  }
  const runs = Number(values.runs);
  const workloadNames = values.workloads?.split(",") ?? Object.keys(workloads);
  const implementations = values.implementations?.split(",") ?? [...implementationNames];
  for (const w of workloadNames) if (!workloads[w]) throw new Error(`unknown workload ${w}`);
  for (const i of implementations)
    if (!implementationNames.includes(i)) throw new Error(`unknown implementation ${i}`);
  const notes = new Map<string, string>();
  const cases = workloadNames.flatMap((w) =>
    implementations.flatMap((i) => {
      const slow = values.all ? undefined : slowPairs[w]?.[i];
      if (slow !== undefined) notes.set(`${w} on ${i}`, slow);
      return slow === undefined ? [[w, i] as const] : [];
    }),
  );
  const total = runs * cases.length;
  const measurements: Measurement[] = [];
  let done = 0;
  const started = Date.now();
  for (let run = 1; run <= runs; run++) {
    for (const [workload, implementation] of cases) {
      const key = `${workload} on ${implementation}`;
      process.stderr.write(
        `[${String(++done).padStart(String(total).length)}/${total}] run ${run}: ${key}… `,
      );
      if (notes.has(key)) {
        process.stderr.write(`skipped (failed before)\n`);
        continue;
      }
      const quietCores = Number(values["quiet-cores"]);
      if (quietCores > 0 && (await waitForQuiet(quietCores, quietWaitMs)) === undefined) {
        process.stderr.write(`(machine busy for ${quietWaitMs / 1000} s, measuring anyway) `);
      }
      try {
        const m = await measureOnce(workload, implementation);
        measurements.push(m);
        process.stderr.write(
          `${m.wallMs.toFixed(1)} ms, ${m.peakRssMb.toFixed(0)} MB, others ${(m.extra["otherCores"] ?? 0).toFixed(2)} cores\n`,
        );
      } catch (error) {
        // A peer that cannot start is skipped (for the later runs too) with the reason, and the run goes on.
        notes.set(key, `skipped: ${(error as Error).message}`);
        process.stderr.write(`skipped: ${(error as Error).message}\n`);
      }
    }
  }
  const rows = aggregate(measurements);
  console.log(
    `\nBenchmark: ${runs} run(s), ${((Date.now() - started) / 60000).toFixed(1)} min, Node ${process.version}\n`,
  );
  console.log(`${formatTables(rows)}\n`);
  if (notes.size > 0)
    console.log(`Not measured:\n${[...notes].map(([k, v]) => `- ${k}: ${v}`).join("\n")}\n`);
  console.log(`${formatTargets(rows)}\n`);
  const resultsDir = join(here, "..", "results");
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(rows, null, 2)}\n`;
  writeFileSync(join(resultsDir, "latest.json"), json);
  writeFileSync(join(resultsDir, `${new Date().toISOString().slice(0, 10)}.json`), json);
  // Every single measurement too, for a closer look at the spread.
  writeFileSync(
    join(resultsDir, "latest-measurements.json"),
    `${JSON.stringify(measurements, null, 2)}\n`,
  );
  console.log(`Results written to bench/results/latest.json`);
}

await main();
