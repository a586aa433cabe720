/**
 * Crash and resume for every kind of operation, with real processes: `durably run` processes are
 * SIGKILLed while a map, a parallel, a callback, a condition poll or an invoke is in flight, and a
 * new process resumes the same execution (same --name, same SQLite file) until it ends.
 *
 * Each fixture's step bodies log "start X"/"end X" with their pid. After every kill the test reads
 * the file to learn which steps were checkpointed, and in the end checks: the result equals that
 * of an uninterrupted run (run beside it, in its own file); no checkpointed step ran again; every
 * step ran once, except those a kill interrupted, which ran once more per interruption.
 *
 * Kills are triggered by what the log and the database show, polled with bounded timeouts, never
 * by fixed delays alone, so a slow machine makes the test slower, not flaky.
 */
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readLines,
  repoRoot,
  requireBuiltCli,
  runCliJson,
  spawnCli,
  tempDir,
  waitForExit,
} from "./support/cli.ts";
import { checkpointedSteps, sendCallbackSuccess, snapshot } from "./support/durable-db.ts";
import type { DatabaseSnapshot } from "./support/durable-db.ts";

const fixtures = path.join(repoRoot, "e2e/fixtures/operations");
/** Temporary directories of the scenarios, removed after the file. */
const scenarioDirs: string[] = [];

interface RunJson {
  execution: { executionId: string; name: string; status: string; result?: unknown };
}

/** One line of the side-effect log. */
interface LogLine {
  what: string;
  pid: number;
}

function parseLog(file: string): LogLine[] {
  return readLines(file).map((line) => {
    const match = /^(.*) pid=(\d+)$/.exec(line);
    if (match === null) throw new Error(`Unexpected log line in ${file}: ${line}`);
    return { what: match[1] ?? "", pid: Number(match[2]) };
  });
}

/** Names of the bodies that started, in order, one entry per start. */
function started(lines: readonly LogLine[]): string[] {
  return lines.flatMap((line) => (line.what.startsWith("start ") ? [line.what.slice(6)] : []));
}

/** The callback id a submitter logged ("callback <id>"), if any. */
function loggedCallbackId(lines: readonly LogLine[]): string | undefined {
  const line = lines.find((candidate) => candidate.what.startsWith("callback "));
  return line?.what.slice("callback ".length);
}

/** Polls `check` every 25 ms until it holds, failing after `timeoutMs` with `what`. */
async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What a kill left behind. */
interface Kill {
  where: string;
  /** Steps checkpointed when the process died. */
  checkpointed: Set<string>;
  /** Log lines written before the kill. */
  logLength: number;
  /** Bodies the killed process started whose result was not checkpointed. */
  interrupted: string[];
}

/** Options of a scenario. */
interface ScenarioOptions {
  fixture: string;
  input: string;
  /** Steps checkpointed in a database snapshot (default: the SUCCEEDED steps, by name). */
  checkpointed?: (state: DatabaseSnapshot) => Set<string>;
}

/**
 * One execution driven through crashes: `start()` launches a `durably run --name` process,
 * `killWhen()` SIGKILLs it once a condition holds and records what was checkpointed, `finish()`
 * runs a last process to the end; `baseline()` runs the same fixture uninterrupted elsewhere.
 */
class Scenario {
  readonly dir: string;
  readonly db: string;
  readonly log: string;
  readonly kills: Kill[] = [];
  readonly #options: ScenarioOptions;
  #executionId: string | undefined;

  constructor(name: string, options: ScenarioOptions) {
    this.#options = options;
    this.dir = tempDir(name);
    scenarioDirs.push(this.dir);
    this.db = path.join(this.dir, "crash.db");
    this.log = path.join(this.dir, "crash.log");
  }

  #args(db: string, name: string): string[] {
    return [
      "run",
      path.join(fixtures, this.#options.fixture),
      "--db",
      db,
      "--name",
      name,
      "--input",
      this.#options.input,
      "--json",
    ];
  }

  /** Lines the process `child` logged. */
  linesOf(child: ChildProcess): LogLine[] {
    return parseLog(this.log).filter((line) => line.pid === child.pid);
  }

  /** Starts a process on the crash database. */
  start(): { child: ChildProcess; exited: ReturnType<typeof waitForExit> } {
    const child = spawnCli(this.#args(this.db, "crashy"), { env: { DURABLY_E2E_LOG: this.log } });
    return { child, exited: waitForExit(child) };
  }

  /** Starts a process, SIGKILLs it once `ready` holds, and records the state it left. */
  async killWhen(
    where: string,
    ready: (lines: LogLine[]) => boolean | Promise<boolean>,
  ): Promise<Kill> {
    const { child, exited } = this.start();
    try {
      await waitUntil(`${where} (process ${child.pid})`, () => ready(this.linesOf(child)));
    } catch (error) {
      child.kill("SIGKILL");
      await exited.catch(() => undefined);
      throw error;
    }
    child.kill("SIGKILL");
    const result = await exited;
    if (result.signal !== "SIGKILL") {
      throw new Error(
        `The process to kill ${where} exited by itself (code ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    const state = await snapshot(this.db);
    const execution = state.executions.find((candidate) => candidate.name === "crashy");
    if (execution?.status !== "RUNNING") {
      throw new Error(
        `After the kill ${where} the execution is ${execution?.status}, not RUNNING.`,
      );
    }
    this.#executionId ??= execution.executionId;
    const checkpointed = (this.#options.checkpointed ?? checkpointedSteps)(state);
    const kill: Kill = {
      where,
      checkpointed,
      logLength: parseLog(this.log).length,
      interrupted: [...new Set(started(this.linesOf(child)))].filter(
        (name) => !checkpointed.has(name),
      ),
    };
    this.kills.push(kill);
    return kill;
  }

  /**
   * Runs a last process to the end and compares it with the uninterrupted run: the result, and
   * which step bodies ran how often. Returns the final run and every violation found, described.
   */
  async finish(baseline: Promise<Baseline>): Promise<{ final: RunJson; violations: string[] }> {
    const final = await runCliJson<RunJson>(this.#args(this.db, "crashy"), {
      env: { DURABLY_E2E_LOG: this.log },
    });
    const reference = await baseline;
    const violations: string[] = [];
    if (final.execution.executionId !== this.#executionId)
      violations.push(
        `the last process ran execution ${final.execution.executionId}, not ${this.#executionId}`,
      );
    if (final.execution.status !== "SUCCEEDED")
      violations.push(`the execution ended ${final.execution.status}`);
    if (JSON.stringify(final.execution.result) !== JSON.stringify(reference.result))
      violations.push(
        `result ${JSON.stringify(final.execution.result)} differs from the uninterrupted run's ${JSON.stringify(reference.result)}`,
      );
    violations.push(...this.#runViolations(reference.started));
    return { final, violations };
  }

  /** Checkpointed steps that ran after a kill; steps that ran other than once plus once per interruption. */
  #runViolations(baselineStarts: string[]): string[] {
    const violations: string[] = [];
    const lines = parseLog(this.log);
    for (const kill of this.kills) {
      for (const name of started(lines.slice(kill.logLength))) {
        if (kill.checkpointed.has(name))
          violations.push(`${name} was checkpointed before the kill ${kill.where}, yet ran again`);
      }
    }
    const counts = new Map<string, number>();
    for (const name of started(lines)) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const name of new Set([...baselineStarts, ...counts.keys()])) {
      const interruptions = this.kills.filter((kill) => kill.interrupted.includes(name)).length;
      const count = counts.get(name) ?? 0;
      if (count !== 1 + interruptions)
        violations.push(
          `${name} ran ${count} times; expected ${1 + interruptions} (interrupted ${interruptions} times)`,
        );
    }
    return violations;
  }

  /** Runs the fixture once without interruption, answering its callback if it logs one. */
  baseline(callbackAnswer?: string): Promise<Baseline> {
    const db = path.join(this.dir, "baseline.db");
    const log = path.join(this.dir, "baseline.log");
    const run = runCliJson<RunJson>(this.#args(db, "baseline"), { env: { DURABLY_E2E_LOG: log } });
    const answered =
      callbackAnswer === undefined
        ? Promise.resolve()
        : (async () => {
            let callbackId: string | undefined;
            await waitUntil(
              "the baseline's callback id",
              () => (callbackId = loggedCallbackId(parseLog(log))) !== undefined,
            );
            await sendCallbackSuccess(db, callbackId as string, callbackAnswer);
          })();
    // runCliJson rejects unless the execution SUCCEEDED (exit code 0).
    return Promise.all([run, answered]).then(([result]) => ({
      result: result.execution.result,
      started: started(parseLog(log)),
    }));
  }
}

/** The uninterrupted run's result and the bodies it started. */
interface Baseline {
  result: unknown;
  started: string[];
}

const has = (lines: readonly LogLine[], what: string): boolean =>
  lines.some((line) => line.what === what);

describe("crash and resume, per operation kind", () => {
  beforeAll(() => {
    requireBuiltCli();
  });
  afterAll(() => {
    for (const dir of scenarioDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("map: items checkpointed before the kill never run again; items in flight run again", async () => {
    const scenario = new Scenario("map", { fixture: "map-items.ts", input: '{"base":10}' });
    const baseline = scenario.baseline();

    // Two at a time: the third and fourth items start only after the first two were checkpointed.
    const kill = await scenario.killWhen(
      "while items 2 and 3 run",
      (lines) => has(lines, "start item-2") && has(lines, "start item-3"),
    );
    expect([...kill.checkpointed].sort()).toEqual(["item-0", "item-1"]);
    expect(kill.interrupted.sort()).toEqual(["item-2", "item-3"]);

    const { final, violations } = await scenario.finish(baseline);
    expect(violations).toEqual([]);
    expect(final.execution.result).toEqual({ squares: [121, 144, 169, 196, 225, 256], sum: 1111 });
  });

  it("parallel: finished branches are not re-run; the branches in flight resume", async () => {
    const scenario = new Scenario("parallel", { fixture: "parallel-branches.ts", input: "{}" });
    const baseline = scenario.baseline();

    const kill = await scenario.killWhen(
      "while the slow branches compute",
      async (lines) =>
        has(lines, "start slow-ccc-compute") &&
        has(lines, "start slow-dddd-compute") &&
        [...checkpointedSteps(await snapshot(scenario.db))].filter((name) =>
          name.startsWith("quick-"),
        ).length === 4,
    );
    expect([...kill.checkpointed].sort()).toEqual([
      "quick-a-compute",
      "quick-a-fetch",
      "quick-bb-compute",
      "quick-bb-fetch",
      "slow-ccc-fetch",
      "slow-dddd-fetch",
    ]);
    expect(kill.interrupted.sort()).toEqual(["slow-ccc-compute", "slow-dddd-compute"]);

    const { final, violations } = await scenario.finish(baseline);
    expect(violations).toEqual([]);
    expect(final.execution.result).toEqual({
      joined: "quick-a:70,quick-bb:80,slow-ccc:80,slow-dddd:90",
    });
  });

  it("callback: a pending callback survives the kill, is completed while no process runs, and the execution resumes", async () => {
    const scenario = new Scenario("callback", {
      fixture: "callback-approval.ts",
      input: '{"request":"r1"}',
      // The submitter step is unnamed: its body logs "submit".
      checkpointed: (state) => {
        const names = checkpointedSteps(state);
        const submitter = state.operations.find(
          (operation) =>
            operation.Type === "STEP" &&
            operation.Name === undefined &&
            operation.Status === "SUCCEEDED",
        );
        if (submitter !== undefined) names.add("submit");
        return names;
      },
    });
    const baseline = scenario.baseline("approved");

    // 1. Kill while the execution waits for the callback (the submitter has handed the id out).
    const waiting = await scenario.killWhen("while the callback is pending", async (lines) => {
      if (loggedCallbackId(lines) === undefined) return false;
      const { operations } = await snapshot(scenario.db);
      const pending = operations.some((op) => op.Type === "CALLBACK" && op.Status === "STARTED");
      const submitted = operations.some(
        (op) => op.Type === "STEP" && op.Name === undefined && op.Status === "SUCCEEDED",
      );
      return pending && submitted;
    });
    expect([...waiting.checkpointed].sort()).toEqual(["prepare", "submit"]);
    expect(waiting.interrupted).toEqual([]);

    // 2. The approver answers while no process runs: the answer is stored in the file.
    const callbackId = loggedCallbackId(parseLog(scenario.log));
    expect(callbackId).toBeDefined();
    await sendCallbackSuccess(scenario.db, callbackId as string, "approved");
    const answered = await snapshot(scenario.db);
    expect(answered.operations.find((operation) => operation.Type === "CALLBACK")?.Status).toBe(
      "SUCCEEDED",
    );

    // 3. A new process picks the answer up; kill it inside the step that acts on it.
    const acting = await scenario.killWhen("inside the step after the callback", (lines) =>
      has(lines, "start act"),
    );
    expect(acting.interrupted).toEqual(["act"]);

    // 4. The last process finishes; the callback id never changed.
    const { final, violations } = await scenario.finish(baseline);
    expect(violations).toEqual([]);
    expect(final.execution.result).toEqual({ outcome: "req-r1 approved" });
    expect(parseLog(scenario.log).filter((line) => line.what.startsWith("callback "))).toHaveLength(
      1,
    );
  });

  it("waitForCondition: recorded checks are not repeated after a kill inside a check or during the delay", async () => {
    /** check-1 … check-N, N = the checks recorded in the poll's state. */
    const checkpointedChecks = (state: DatabaseSnapshot): Set<string> => {
      const names = checkpointedSteps(state);
      names.delete("poll-job");
      const poll = state.operations.find((operation) => operation.Name === "poll-job");
      const recorded =
        poll?.StepDetails?.Result === undefined
          ? 0
          : (JSON.parse(poll.StepDetails.Result) as { checks: number }).checks;
      for (let check = 1; check <= recorded; check++) names.add(`check-${check}`);
      return names;
    };
    const scenario = new Scenario("condition", {
      fixture: "condition-poll.ts",
      input: '{"job":"j1"}',
      checkpointed: checkpointedChecks,
    });
    const baseline = scenario.baseline();

    // 1. Inside the second check (the first is recorded).
    const inside = await scenario.killWhen("inside the second check", (lines) =>
      has(lines, "start check-2"),
    );
    expect([...inside.checkpointed].sort()).toEqual(["check-1", "submit"]);
    expect(inside.interrupted).toEqual(["check-2"]);

    // 2. During the (longer) pause after the third check, once that check's state is recorded.
    const pause = await scenario.killWhen(
      "during the pause after the third check",
      async (lines) =>
        has(lines, "end check-3") && checkpointedChecks(await snapshot(scenario.db)).has("check-3"),
    );
    expect(pause.interrupted).toEqual([]);
    expect(pause.checkpointed.has("check-4")).toBe(false);

    const { final, violations } = await scenario.finish(baseline);
    expect(violations).toEqual([]);
    expect(final.execution.result).toEqual({
      jobId: "job-j1",
      checks: 5,
      seen: ["check-1@1", "check-2@2", "check-3@3", "check-4@4", "check-5@5"],
    });
  });

  it("invoke: the invoked execution resumes after the kill without re-running its checkpointed steps", async () => {
    const scenario = new Scenario("invoke", {
      fixture: "invoke-target.ts",
      input: '{"sku":"lamp"}',
    });
    const baseline = scenario.baseline();

    const kill = await scenario.killWhen("while the invoked function runs its slow step", (lines) =>
      has(lines, "start target-reserve"),
    );
    expect([...kill.checkpointed].sort()).toEqual(["caller-before", "target-lookup"]);
    expect(kill.interrupted).toEqual(["target-reserve"]);
    const state = await snapshot(scenario.db);
    expect(state.executions.map((execution) => execution.status)).toEqual(["RUNNING", "RUNNING"]);

    const { final, violations } = await scenario.finish(baseline);
    expect(violations).toEqual([]);
    expect(final.execution.result).toEqual({ receipt: "receipt-res-lamp-3", reserved: 3 });
    // Still exactly two executions: the caller and the one it invoked, both finished.
    const after = await snapshot(scenario.db);
    expect(after.executions.map((execution) => execution.status)).toEqual([
      "SUCCEEDED",
      "SUCCEEDED",
    ]);
  });
});
