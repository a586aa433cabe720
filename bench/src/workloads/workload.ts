/**
 * Benchmark workloads (definitions in shared/bench/anchors.md), independent of the engine that runs them.
 * Every implementation writes the same logic per kind in its own idiom (see implementations/).
 */

/**
 * What an execution does:
 * - sequential (W1): `n` steps `step-i` returning i, one after the other; result n − 1.
 * - throughput (W2): execution `id` runs steps a = id, b = a + 1, c = b + 1; result id + 2.
 * - fanout (W3): one step `item-i` returning i × 2 per item, at most {@link FANOUT_CONCURRENCY} in
 *   flight, new items started in index order; result: the number of results.
 * - sleep (W4): `n` steps `pre-i`, a durable 1 s sleep, `n` steps `post-i`; result n − 1.
 */
export type WorkloadKind = "sequential" | "throughput" | "fanout" | "sleep";

/** Items in flight at once in W3. */
export const FANOUT_CONCURRENCY = 50;

/** The durable sleep of W4. */
export const SLEEP_MS = 1000;

/** One workload at one size. */
export interface WorkloadCase {
  /** Row name in the results, e.g. "W1-1000". */
  name: string;
  kind: WorkloadKind;
  /** Steps (W1), executions (W2), items (W3) or steps on each side of the sleep (W4), measured. */
  size: number;
  /** The same at warm-up (anchors: W1 20 steps, W2 10 executions, W3 20 items, W4 5 + 5 steps). */
  warmupSize: number;
  /** Steps of the whole measured run, for µs/step and steps/s. */
  totalSteps: number;
  /** Part of the wall time that is sleeping by design (W4). */
  sleepMs: number;
}

/** The result one execution must return. */
export function expectedResult(kind: WorkloadKind, input: number): number {
  switch (kind) {
    case "sequential":
    case "sleep":
      return input - 1;
    case "throughput":
      return input + 2;
    case "fanout":
      return input;
  }
}

const w1 = (n: number): WorkloadCase => ({
  name: `W1-${n}`,
  kind: "sequential",
  size: n,
  warmupSize: 20,
  totalSteps: n,
  sleepMs: 0,
});
const w2 = (executions: number): WorkloadCase => ({
  name: `W2-${executions}`,
  kind: "throughput",
  size: executions,
  warmupSize: 10,
  totalSteps: 3 * executions,
  sleepMs: 0,
});
const w3 = (items: number): WorkloadCase => ({
  name: `W3-${items}`,
  kind: "fanout",
  size: items,
  warmupSize: 20,
  totalSteps: items,
  sleepMs: 0,
});
const w4 = (n: number): WorkloadCase => ({
  name: `W4-${n}`,
  kind: "sleep",
  size: n,
  warmupSize: 5,
  totalSteps: 2 * n,
  sleepMs: SLEEP_MS,
});

/** Every workload case by name. */
export const workloads: Record<string, WorkloadCase> = Object.fromEntries(
  [w1(1000), w1(10000), w2(500), w3(1000), w3(10000), w4(100)].map((w) => [w.name, w]),
);
