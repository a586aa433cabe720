/**
 * One measurement in a fresh process: set up, warm up at a small size, run the measured
 * execution once, print one result line. Usage: node measure.js <workload> <implementation>
 */
import { performance } from "node:perf_hooks";
import { durablyMemory, durablySqlite } from "./implementations/durably-target.ts";
import type { BenchTargetFactory } from "./implementations/implementation.ts";
import { MEASUREMENT_PREFIX } from "./workloads/measurement.ts";
import type { Measurement } from "./workloads/measurement.ts";
import { workloads } from "./workloads/workload.ts";

/** Implementations by result name. */
export const implementations: Record<string, BenchTargetFactory> = {
  "durably-memory": durablyMemory,
  "durably-sqlite": durablySqlite,
};

async function main(): Promise<void> {
  const [workloadName, implementationName] = process.argv.slice(2);
  const workload = workloads[workloadName ?? ""];
  const factory = implementations[implementationName ?? ""];
  if (!workload || !factory) {
    throw new Error(`usage: measure <${Object.keys(workloads).join("|")}> <${Object.keys(implementations).join("|")}>`);
  }
  const target = await factory(workload);
  const warm = await target.runOne(workload, workload.warmupInput);
  if (warm !== workload.expected(workload.warmupInput)) throw new Error(`warm-up returned ${String(warm)}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await target.runOne(workload, workload.input);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (result !== workload.expected(workload.input)) throw new Error(`${workload.name} returned ${String(result)}`);
  await target.close();
  const steps = workload.steps(workload.input);
  const measurement: Measurement = {
    workload: workload.name,
    implementation: implementationName as string,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    extra: { usPerStep: ((wallMs - workload.sleepMs) * 1000) / steps, beyondSleepMs: wallMs - workload.sleepMs },
  };
  process.stdout.write(`${MEASUREMENT_PREFIX}${JSON.stringify(measurement)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
