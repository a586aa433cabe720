/**
 * `npm run bench`: runs every (workload, implementation) pair in fresh processes, round-robin for
 * each repetition, prints one table per workload and writes bench/results/latest.json plus a dated copy.
 * Options: --runs N (default 3), --workloads a,b, --implementations a,b.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { aggregate } from "./report/bench-row.ts";
import { formatTables } from "./report/format-table.ts";
import { MEASUREMENT_PREFIX } from "./workloads/measurement.ts";
import type { Measurement } from "./workloads/measurement.ts";

const here = dirname(fileURLToPath(import.meta.url));
const defaults = {
  workloads: ["W1-1000", "W1-10000", "W4-100"],
  implementations: ["durably-memory", "durably-sqlite"],
};

function measureOnce(workload: string, implementation: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", join(here, "measure.js"), workload, implementation], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(MEASUREMENT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${workload} on ${implementation} failed (exit ${code}):\n${err || out}`));
        return;
      }
      resolve(JSON.parse(line.slice(MEASUREMENT_PREFIX.length)) as Measurement);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "3" }, workloads: { type: "string" }, implementations: { type: "string" } },
  });
  const runs = Number(values.runs);
  const workloads = values.workloads?.split(",") ?? defaults.workloads;
  const implementations = values.implementations?.split(",") ?? defaults.implementations;
  const cases = workloads.flatMap((w) => implementations.map((i) => [w, i] as const));
  const total = runs * cases.length;
  const measurements: Measurement[] = [];
  let done = 0;
  for (let run = 1; run <= runs; run++) {
    for (const [workload, implementation] of cases) {
      process.stderr.write(`[${String(++done).padStart(String(total).length)}/${total}] run ${run}: ${workload} on ${implementation}… `);
      try {
        const m = await measureOnce(workload, implementation);
        measurements.push(m);
        process.stderr.write(`${m.wallMs.toFixed(1)} ms, ${m.peakRssMb.toFixed(0)} MB\n`);
      } catch (error) {
        process.stderr.write(`skipped: ${(error as Error).message.split("\n")[0]}\n`);
      }
    }
  }
  const rows = aggregate(measurements);
  console.log(`\n${formatTables(rows, "durably-memory")}\n`);
  const resultsDir = join(here, "..", "results");
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(rows, null, 2)}\n`;
  writeFileSync(join(resultsDir, "latest.json"), json);
  writeFileSync(join(resultsDir, `${new Date().toISOString().slice(0, 10)}.json`), json);
  console.log(`Results written to bench/results/latest.json`);
}

await main();
