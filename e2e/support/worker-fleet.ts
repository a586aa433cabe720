/**
 * A fleet of `durably worker` processes (the built CLI) on one database, which a test can kill
 * and replace, and finally stop with SIGTERM as an operator would.
 */
import type { ChildProcess } from "node:child_process";
import { spawnCli } from "./cli.ts";

/** One worker process and what it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  output: string;
  /** It printed "Ready": it claims executions and stops gracefully on SIGTERM. */
  isReady: boolean;
  /** Settles once the worker is ready or has exited. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts and stops worker processes with the same arguments. */
export class WorkerFleet {
  readonly #args: readonly string[];
  readonly #env: Record<string, string>;
  /** Live workers. */
  readonly live: WorkerProcess[] = [];
  /** Every worker started, in order (dead ones too), for reporting. */
  readonly all: WorkerProcess[] = [];

  constructor(args: readonly string[], env: Record<string, string>) {
    this.#args = args;
    this.#env = env;
  }

  /** Starts one more worker. */
  start(): WorkerProcess {
    const child = spawnCli(["worker", ...this.#args], { env: this.#env });
    let becameReady: () => void = () => undefined;
    const worker: WorkerProcess = {
      child,
      output: "",
      isReady: false,
      ready: new Promise((resolve) => (becameReady = resolve)),
      exited: new Promise((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal })),
      ),
    };
    void worker.exited.then(() => becameReady());
    const collect = (chunk: Buffer): void => {
      // Keep the end: enough to see why a worker failed, without unbounded memory.
      worker.output = (worker.output + chunk.toString("utf8")).slice(-20_000);
      if (!worker.isReady && worker.output.includes("\nReady:")) {
        worker.isReady = true;
        becameReady();
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.live.push(worker);
    this.all.push(worker);
    void worker.exited.then(() => {
      const index = this.live.indexOf(worker);
      if (index >= 0) this.live.splice(index, 1);
    });
    return worker;
  }

  /**
   * SIGKILLs a random worker that is ready (killing one still booting would interrupt nothing);
   * resolves once it is gone, with false when no worker was ready.
   */
  async killRandom(random: () => number): Promise<boolean> {
    const ready = this.live.filter((worker) => worker.isReady);
    const victim = ready[Math.floor(random() * ready.length)];
    if (victim === undefined) return false;
    this.live.splice(this.live.indexOf(victim), 1);
    victim.child.kill("SIGKILL");
    await victim.exited;
    return true;
  }

  /** SIGTERMs every live worker and returns how each exited (a graceful stop exits 0). */
  async stopAll(
    timeoutMs = 30_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }[]> {
    const workers = [...this.live];
    // A worker still booting has no signal handler yet: SIGTERM would kill it like SIGKILL.
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const worker of workers) worker.child.kill("SIGKILL");
    }, timeoutMs);
    try {
      return await Promise.all(workers.map((worker) => worker.exited));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills whatever still runs (cleanup after a failure). */
  killAll(): void {
    for (const worker of this.live) worker.child.kill("SIGKILL");
  }
}
