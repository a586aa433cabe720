/**
 * The CLI as a user meets it: run the demo on a temp SQLite file, read it back with
 * `executions list/get/history`, and get exit code 2 and a clear message for every mistake,
 * without the database changing.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, requireBuiltCli, runCli, runCliJson, tempDir } from "./support/cli.ts";

const demo = path.join(repoRoot, "examples/order-processing/order-processing.ts");
const failing = path.join(repoRoot, "e2e/fixtures/failing-order.ts");

interface ExecutionJson {
  executionId: string;
  name: string;
  functionName: string;
  status: string;
  result?: unknown;
  error?: { ErrorType?: string; ErrorMessage?: string };
}
interface HistoryJson {
  execution: ExecutionJson;
  events: { EventType: string; SubType?: string; Name?: string }[];
}

describe("durably CLI", () => {
  const dir = tempDir("basics");
  const db = path.join(dir, "demo.db");
  let runOutput = "";

  beforeAll(async () => {
    requireBuiltCli();
    const result = await runCli(["run", demo, "--db", db, "--name", "demo-1"]);
    runOutput = result.stdout;
    if (result.code !== 0)
      throw new Error(`the demo run exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  });

  it("runs the demo to completion and prints the operations, the result and the timeline", () => {
    expect(runOutput).toContain("Started execution demo-1 of processOrder");
    for (const name of [
      "validate-order",
      "process-payment",
      "wait-for-settlement",
      "confirm-order",
    ]) {
      expect(runOutput).toContain(name);
    }
    expect(runOutput).toMatch(/resumes at \d\d:\d\d:\d\d/);
    expect(runOutput).toContain("✓ SUCCEEDED demo-1");
    expect(runOutput).toContain('"confirmationNumber": "CONF-ORD-1001"');
    expect(runOutput).toContain("Timeline");
  });

  it("lists the execution, as a table and as JSON", async () => {
    const table = await runCli(["executions", "list", "--db", db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/demo-1\s+processOrder\s+✓ SUCCEEDED/);
    const json = await runCliJson<{ executions: ExecutionJson[] }>([
      "executions",
      "list",
      "--db",
      db,
      "--json",
    ]);
    expect(
      json.executions.map((execution) => [
        execution.name,
        execution.functionName,
        execution.status,
      ]),
    ).toEqual([["demo-1", "processOrder", "SUCCEEDED"]]);
    const filtered = await runCliJson<{ executions: ExecutionJson[] }>([
      "executions",
      "list",
      "--db",
      db,
      "--status",
      "running",
      "--json",
    ]);
    expect(filtered.executions).toEqual([]);
  });

  it("gets the execution by name or id, with its result and operations", async () => {
    const byName = await runCliJson<{
      execution: ExecutionJson;
      operations: { Name?: string; Status: string }[];
    }>(["executions", "get", "demo-1", "--db", db, "--json"]);
    expect(byName.execution.result).toMatchObject({
      orderId: "ord-1001",
      status: "CONFIRMED",
      amountCharged: 42.5,
    });
    expect(
      byName.operations
        .filter((operation) => operation.Name !== undefined)
        .map((operation) => [operation.Name, operation.Status]),
    ).toEqual([
      ["validate-order", "SUCCEEDED"],
      ["process-payment", "SUCCEEDED"],
      ["wait-for-settlement", "SUCCEEDED"],
      ["confirm-order", "SUCCEEDED"],
    ]);
    const byId = await runCli(["executions", "get", byName.execution.executionId, "--db", db]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain("Name:       demo-1");
    expect(byId.stdout).toContain("✓ SUCCEEDED");
    expect(byId.stdout).toContain("Timeline");
  });

  it("shows the history, as a table and as JSON", async () => {
    const json = await runCliJson<HistoryJson>([
      "executions",
      "history",
      "demo-1",
      "--db",
      db,
      "--json",
    ]);
    const signature = json.events
      .filter((event) => event.EventType !== "InvocationCompleted")
      .map((event) => [event.EventType, event.SubType, event.Name]);
    expect(signature).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "validate-order"],
      ["StepSucceeded", "Step", "validate-order"],
      ["StepStarted", "Step", "process-payment"],
      ["StepSucceeded", "Step", "process-payment"],
      ["WaitStarted", "Wait", "wait-for-settlement"],
      ["WaitSucceeded", "Wait", "wait-for-settlement"],
      ["StepStarted", "Step", "confirm-order"],
      ["StepSucceeded", "Step", "confirm-order"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
    const table = await runCli(["executions", "history", "demo-1", "--db", db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/StepSucceeded\s+Step\s+process-payment/);
  });

  it("shows a finished execution again instead of re-running it when the name is reused", async () => {
    const before = await runCliJson<HistoryJson>([
      "executions",
      "history",
      "demo-1",
      "--db",
      db,
      "--json",
    ]);
    const again = await runCli(["run", demo, "--db", db, "--name", "demo-1"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Execution demo-1 already finished");
    const after = await runCliJson<HistoryJson>([
      "executions",
      "history",
      "demo-1",
      "--db",
      db,
      "--json",
    ]);
    expect(after.events).toEqual(before.events);
  });

  it("exits 1 and prints the error when the execution fails", async () => {
    const result = await runCli([
      "run",
      failing,
      "--db",
      path.join(dir, "failing.db"),
      "--input",
      '{"orderId":"ord-9"}',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ FAILED");
    expect(result.stdout).toContain(
      "Cannot ship order ord-9: address rejected (reservation res-ord-9)",
    );
  });

  describe("mistakes exit 2 with a clear message and change nothing", () => {
    // The database file and its write-ahead log, byte for byte.
    const fingerprint = (): string => {
      const hash = createHash("sha256").update(readFileSync(db));
      if (existsSync(`${db}-wal`)) hash.update(readFileSync(`${db}-wal`));
      return hash.digest("hex");
    };
    let listBefore = "";

    beforeAll(async () => {
      listBefore = (await runCli(["executions", "list", "--db", db, "--json"])).stdout;
    });

    it.each([
      [
        "invalid JSON input",
        ["run", demo, "--db", db, "--fresh", "--input", "{oops"],
        /--input is not valid JSON/,
      ],
      [
        "a missing module",
        ["run", path.join(dir, "nope.ts"), "--db", db],
        /Module not found: .*nope\.ts/,
      ],
      [
        "an unknown function",
        ["run", demo, "--db", db, "--function", "shipOrder"],
        /has no export named "shipOrder"\. It exports .*processOrder \(function\)/,
      ],
      [
        "an invalid execution name",
        ["run", demo, "--db", db, "--name", "not valid!"],
        /--name "not valid!" is not a valid execution name/,
      ],
      [
        "an unknown execution",
        ["executions", "get", "no-such-execution", "--db", db],
        /No execution with id or name "no-such-execution"/,
      ],
      [
        "an unknown execution's history",
        ["executions", "history", "no-such-execution", "--db", db],
        /No execution with id or name "no-such-execution"/,
      ],
      [
        "an invalid status",
        ["executions", "list", "--db", db, "--status", "DONE"],
        /--status "DONE" is not a valid status/,
      ],
      [
        "an invalid limit",
        ["executions", "list", "--db", db, "--limit", "0"],
        /--limit "0" must be a whole number/,
      ],
      ["an unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
      [
        "an unknown option",
        ["executions", "list", "--db", db, "--colour"],
        /unknown option '--colour'/,
      ],
      ["a missing argument", ["run"], /missing required argument 'module'/],
    ])("%s", async (_what, args, message) => {
      const before = fingerprint();
      const result = await runCli(args);
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
      expect(fingerprint()).toBe(before);
    });

    it("leaves the executions as they were", async () => {
      const listAfter = await runCli(["executions", "list", "--db", db, "--json"]);
      expect(listAfter.stdout).toBe(listBefore);
      expect(JSON.parse(listBefore)).toMatchObject({ executions: [{ name: "demo-1" }] });
    });

    it("a database that does not exist is reported, not created", async () => {
      const missing = path.join(dir, "missing.db");
      const result = await runCli(["executions", "list", "--db", missing]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`No database at ${missing}`);
      expect(existsSync(missing)).toBe(false);
    });
  });

  it("prints help with the exit codes, and the version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: durably");
    expect(help.stdout).toContain("Exit codes:");
    const runHelp = await runCli(["run", "--help"]);
    expect(runHelp.stdout).toContain("--fresh");
    const version = await runCli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
