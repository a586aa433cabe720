/**
 * An implementation under measurement: something that can run a workload's executions.
 */
import type { WorkloadCase } from "../workloads/workload.ts";

/** Runs executions of one workload; created once per measurement process. */
export interface BenchTarget {
  /** Runs one execution to completion and returns its result. */
  runOne(workload: WorkloadCase, input: number): Promise<unknown>;
  close(): Promise<void>;
}

/** Creates a target for the named implementation. */
export type BenchTargetFactory = (workload: WorkloadCase) => Promise<BenchTarget>;
