/**
 * An implementation under measurement: something that can run a workload's executions.
 */
import type { WorkloadKind } from "../workloads/workload.ts";

/** Figures about helper processes (restate-server, PostgreSQL backends, extra workers) over a window. */
export interface HelperFigures {
  /** CPU of the helper processes, ms. */
  cpuMs?: number;
  /** Peak RSS of the helper processes (summed when several), MB. */
  peakRssMb?: number;
}

/** Runs executions of one workload; created once per measurement process. */
export interface BenchTarget {
  /** True when durable waits are skipped (virtual/fake time): all of W4's wall time is then overhead. */
  skipsTime?: boolean;
  /** Runs one execution of `kind` with `input` to completion and returns its result. */
  runOne(kind: WorkloadKind, input: number): Promise<unknown>;
  /** Marks the start of the measured window (for helper CPU deltas). */
  beginMeasure?(): Promise<void>;
  /** Helper-process figures since beginMeasure (CPU) and over their lifetime (peak RSS). */
  helperFigures?(): Promise<HelperFigures>;
  close(): Promise<void>;
}

/** Creates a target for the named implementation. */
export type BenchTargetFactory = (kind: WorkloadKind) => Promise<BenchTarget>;
