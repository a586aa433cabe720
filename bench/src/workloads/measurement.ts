/**
 * What one measurement process reports back to the orchestrator (one JSON line on stdout).
 */

/** The result of one measured run in a fresh process. */
export interface Measurement {
  workload: string;
  implementation: string;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  /** Workload-specific figures (µs/step, executions/s, latency percentiles…). */
  extra: Record<string, number>;
}

/** Identifies the measurement line among other output. */
export const MEASUREMENT_PREFIX = "DURABLY_BENCH_RESULT ";
