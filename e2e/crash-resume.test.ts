/**
 * Crash and resume with real processes: a 20-step function runs in `durably run` child processes
 * that the test SIGKILLs between steps, inside a step and during the durable wait. Each time a new
 * `durably run --name` process resumes the same execution, until it completes. Every step whose
 * result was checkpointed must never run again; only a step killed mid-body may run twice.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  pollUntil,
  readLines,
  repoRoot,
  requireBuiltCli,
  runCliJson,
  spawnCli,
  tempDir,
  waitForExit,
} from "./support/cli.ts";

const fixture = path.join(repoRoot, "e2e/fixtures/twenty-steps.ts");
const input = '{"seed":11}';

interface RunJson {
  execution: { executionId: string; name: string; status: string; result?: unknown };
}
interface HistoryJson {
  execution: { executionId: string; status: string };
  events: { EventType: string; Name?: string }[];
}

/** One line of the side-effect log: "start 7 pid=123". */
interface LogLine {
  what: string;
  pid: number;
}

function parseLog(file: string): LogLine[] {
  return readLines(file).map((line) => {
    const match = /^(.*) pid=(\d+)$/.exec(line);
    if (match === null) throw new Error(`Unexpected log line: ${line}`);
    return { what: match[1] ?? "", pid: Number(match[2]) };
  });
}

function startedSteps(lines: readonly LogLine[]): number[] {
  return lines.flatMap((line) =>
    line.what.startsWith("start ") ? [Number(line.what.slice(6))] : [],
  );
}

function succeededSteps(history: HistoryJson): string[] {
  return history.events
    .filter((event) => event.EventType === "StepSucceeded")
    .map((event) => event.Name ?? "");
}

describe("crash and resume", () => {
  const dir = tempDir("crash");

  beforeAll(() => {
    requireBuiltCli();
  });

  it("resumes the same execution after SIGKILLs and runs every checkpointed step exactly once", async () => {
    // The reference: one uninterrupted run.
    const baselineLog = path.join(dir, "baseline.log");
    const baseline = await runCliJson<RunJson>(
      [
        "run",
        fixture,
        "--db",
        path.join(dir, "baseline.db"),
        "--name",
        "baseline",
        "--input",
        input,
        "--json",
      ],
      { env: { DURABLY_E2E_LOG: baselineLog } },
    );
    expect(baseline.execution.status).toBe("SUCCEEDED");
    expect(startedSteps(parseLog(baselineLog))).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 1),
    );

    const db = path.join(dir, "crash.db");
    const log = path.join(dir, "crash.log");
    const args = ["run", fixture, "--db", db, "--name", "crashy", "--input", input, "--json"];
    const start = (): ChildProcess => spawnCli(args, { env: { DURABLY_E2E_LOG: log } });
    const linesOf = (child: ChildProcess): string[] =>
      parseLog(log)
        .filter((line) => line.pid === child.pid)
        .map((line) => line.what);
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

    interface Kill {
      where: string;
      /** Steps checkpointed when the process died. */
      checkpointed: Set<number>;
      /** Log lines written before the kill. */
      logLength: number;
      /** Steps whose body started before the kill but whose result was not checkpointed. */
      interrupted: number[];
    }
    const kills: Kill[] = [];
    let executionId: string | undefined;

    /** Starts a process, kills it once `ready` holds for its log lines (after `delayMs`), and records the state. */
    const killWhen = async (
      where: string,
      ready: (lines: string[]) => boolean,
      delayMs = 0,
    ): Promise<void> => {
      const child = start();
      const exited = waitForExit(child);
      await pollUntil(`${where} (process ${child.pid})`, () =>
        ready(linesOf(child)) ? true : undefined,
      );
      if (delayMs > 0) await sleep(delayMs);
      child.kill("SIGKILL");
      const result = await exited;
      expect(
        result.signal,
        `the process killed ${where} had already exited:\n${result.stdout}\n${result.stderr}`,
      ).toBe("SIGKILL");
      const history = await runCliJson<HistoryJson>([
        "executions",
        "history",
        "crashy",
        "--db",
        db,
        "--json",
      ]);
      expect(history.execution.status).toBe("RUNNING");
      executionId ??= history.execution.executionId;
      expect(history.execution.executionId).toBe(executionId);
      const checkpointed = new Set(
        succeededSteps(history).map((name) => Number(name.replace("step-", ""))),
      );
      const lines = parseLog(log);
      const interrupted = [...new Set(startedSteps(lines))].filter(
        (step) => !checkpointed.has(step),
      );
      kills.push({ where, checkpointed, logLength: lines.length, interrupted });
    };

    // 1. Between steps 3 and 4: step 3 is checkpointed, step 4 has not started.
    await killWhen("between steps 3 and 4", (lines) => lines.includes("between 3"), 150);
    expect(kills[0]?.interrupted).toEqual([]);
    // 2. Inside step 7 (a 300 ms body): it started, it did not end.
    await killWhen("inside step 7", (lines) => lines.includes("start 7"));
    expect(parseLog(log).some((line) => line.what === "end 7")).toBe(false);
    expect(kills[1]?.interrupted).toEqual([7]);
    // 3. During the 2 s durable wait after step 10.
    await killWhen(
      "during the wait",
      (lines) => lines.includes("waiting") && lines.includes("end 10"),
      400,
    );
    expect(kills[2]?.interrupted).toEqual([]);
    expect(kills[2]?.checkpointed.has(10)).toBe(true);
    // 4. Inside step 15, after the wait has fired in an earlier-started process's absence.
    await killWhen("inside step 15", (lines) => lines.includes("start 15"));
    expect(kills[3]?.interrupted).toEqual([15]);

    // A last process resumes the same execution and completes it.
    const final = await runCliJson<RunJson>(args, { env: { DURABLY_E2E_LOG: log } });
    expect(final.execution.executionId).toBe(executionId);
    expect(final.execution.name).toBe("crashy");
    expect(final.execution.status).toBe("SUCCEEDED");
    expect(final.execution.result).toEqual(baseline.execution.result);

    // No checkpointed step ran again after any kill.
    const lines = parseLog(log);
    for (const kill of kills) {
      const rerun = startedSteps(lines.slice(kill.logLength)).filter((step) =>
        kill.checkpointed.has(step),
      );
      expect(rerun, `steps re-run after the kill ${kill.where}`).toEqual([]);
    }
    // Every step ran once, except those killed mid-body, which ran exactly twice.
    const interrupted = new Set(kills.flatMap((kill) => kill.interrupted));
    const counts = new Map<number, number>();
    for (const step of startedSteps(lines)) counts.set(step, (counts.get(step) ?? 0) + 1);
    for (let step = 1; step <= 20; step++) {
      expect(counts.get(step), `runs of step ${step}`).toBe(interrupted.has(step) ? 2 : 1);
    }

    // The history has one StepSucceeded per step, and there is a single execution in the file.
    const history = await runCliJson<HistoryJson>([
      "executions",
      "history",
      "crashy",
      "--db",
      db,
      "--json",
    ]);
    expect(succeededSteps(history)).toEqual(
      Array.from({ length: 20 }, (_, index) => `step-${index + 1}`),
    );
    const list = await runCliJson<{ executions: { executionId: string }[] }>([
      "executions",
      "list",
      "--db",
      db,
      "--json",
    ]);
    expect(list.executions.map((execution) => execution.executionId)).toEqual([executionId]);
  });
});
