/**
 * One measurement in a fresh process: set up, warm up at a small size, run the measured
 * execution(s) once, print one result line. Usage: node measure.js <workload> <implementation>
 *
 * The clock is `performance.now` captured here, before any implementation is loaded: the AWS runner
 * with `skipTime` installs fake timers, which replace the global one. Implementations are imported
 * only when chosen, so no process loads (and counts the memory of) another's libraries.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { BenchTarget, BenchTargetFactory } from "./implementations/implementation.ts";
import { implementationNames, loadImplementation } from "./implementations/registry.ts";
import { percentile } from "./report/stats.ts";
import { machineBusyMs } from "./workloads/machine-load.ts";
import { MEASUREMENT_PREFIX } from "./workloads/measurement.ts";
import type { Measurement } from "./workloads/measurement.ts";
import { expectedResult, workloads } from "./workloads/workload.ts";
import type { WorkloadCase } from "./workloads/workload.ts";

const now: () => number = performance.now.bind(performance);

/** Runs the workload at `size` and returns per-execution latencies (ms) and the wall time. */
async function runWorkload(
  target: BenchTarget,
  workload: WorkloadCase,
  size: number,
): Promise<{ wallMs: number; latencies: number[] }> {
  const { kind } = workload;
  // W2 starts `size` executions at once (ids 0..size-1); the others run one execution with input `size`.
  const inputs = kind === "throughput" ? Array.from({ length: size }, (_, id) => id) : [size];
  const t0 = now();
  const latencies = await Promise.all(
    inputs.map(async (input) => {
      const start = now();
      const result = await target.runOne(kind, input);
      const latency = now() - start;
      if (result !== expectedResult(kind, input))
        throw new Error(`${workload.name}(${input}) returned ${JSON.stringify(result)}`);
      return latency;
    }),
  );
  return { wallMs: now() - t0, latencies };
}

async function main(): Promise<void> {
  const [workloadName, implementationName] = process.argv.slice(2);
  const workload = workloads[workloadName ?? ""];
  if (!workload || !implementationName || !implementationNames.includes(implementationName)) {
    throw new Error(
      `usage: measure <${Object.keys(workloads).join("|")}> <${implementationNames.join("|")}>`,
    );
  }
  const factory: BenchTargetFactory = await loadImplementation(implementationName);
  const target = await factory(workload.kind);
  try {
    await runWorkload(target, workload, workload.warmupSize);
    await target.beginMeasure?.();
    const machine0 = machineBusyMs();
    const cpu0 = process.cpuUsage();
    const window0 = process.hrtime.bigint();
    const { wallMs, latencies } = await runWorkload(target, workload, workload.size);
    // With BENCH_PROFILE_WINDOW set, print the measured window on the monotonic clock (µs), which is
    // the clock of --cpu-prof timestamps: a profile can then be cut to the measured run.
    if (process.env["BENCH_PROFILE_WINDOW"]) {
      process.stderr.write(
        `measured window µs ${window0 / 1000n} ${process.hrtime.bigint() / 1000n}\n`,
      );
    }
    const cpu = process.cpuUsage(cpu0);
    const machineMs = machineBusyMs() - machine0;
    const helpers = (await target.helperFigures?.()) ?? {};
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const extra: Record<string, number> = {};
    // Where the sleep is skipped, the whole wall time is overhead.
    const sleptMs = target.skipsTime === true ? 0 : workload.sleepMs;
    extra["usPerStep"] = ((wallMs - sleptMs) * 1000) / workload.totalSteps;
    if (workload.sleepMs > 0) extra["beyondSleepMs"] = wallMs - sleptMs;
    if (workload.kind === "throughput") {
      extra["executionsPerSec"] = (workload.size * 1000) / wallMs;
      extra["stepsPerSec"] = (workload.totalSteps * 1000) / wallMs;
      extra["p50LatencyMs"] = percentile(latencies, 50);
      extra["p99LatencyMs"] = percentile(latencies, 99);
    }
    // The machine is shared: how many cores other processes kept busy during the measured run
    // (all CPU time on the machine minus this process's and its helpers'), and the load average.
    extra["otherCores"] = Math.max(0, machineMs - cpuMs - (helpers.cpuMs ?? 0)) / wallMs;
    extra["loadAvg1"] = loadavg()[0] ?? 0;
    if (helpers.cpuMs !== undefined) extra["helperCpuMs"] = helpers.cpuMs;
    if (helpers.peakRssMb !== undefined) extra["helperPeakRssMb"] = helpers.peakRssMb;
    const measurement: Measurement = {
      workload: workload.name,
      implementation: implementationName,
      wallMs,
      cpuMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      extra,
    };
    process.stdout.write(`${MEASUREMENT_PREFIX}${JSON.stringify(measurement)}\n`);
  } finally {
    await target.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
