/**
 * `durably serve`, `invoke`, `callback`, `executions stop` and `dev` over real HTTP on 127.0.0.1:
 * the built CLI serves functions with auth on (token from the environment), other CLI processes
 * and plain fetches drive it, SIGTERM shuts it down gracefully, `dev` reloads a changed module,
 * and every mistake exits with its code and message.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  pollUntil,
  repoRoot,
  requireBuiltCli,
  runCli,
  spawnCli,
  tempDir,
  waitForExit,
} from "./support/cli.ts";
import type { CliResult } from "./support/cli.ts";

const functions = path.join(repoRoot, "e2e/fixtures/serve-functions.ts");
const token = "e2e-serve-token-0123456789";

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<CliResult>;
}

/** Checks the exit code, showing the output when it differs. */
function expectExit(result: CliResult, code: number, what = "the CLI"): void {
  if (result.code !== code)
    throw new Error(
      `${what} exited ${result.code}, expected ${code}:\n${result.stdout}\n${result.stderr}`,
    );
}

/** A port nothing listens on (just released by us). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Spawns `durably <args>` and resolves once it prints the URL it listens on. */
async function startServer(
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<Server> {
  const child = spawnCli(args, { env, ...(cwd === undefined ? {} : { cwd }) });
  let seen = "";
  child.stdout?.on("data", (chunk: Buffer) => (seen += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (seen += chunk.toString()));
  const exit = waitForExit(child, 90_000);
  exit.catch(() => undefined);
  const url = await pollUntil(
    `durably ${args[0]} to listen`,
    () => /listening on (http:\/\/\S+)/.exec(seen)?.[1],
    30_000,
    50,
  );
  return { child, url, output: () => seen, exit };
}

describe("durably serve", () => {
  const dir = tempDir("serve");
  const db = path.join(dir, "serve.db");
  const env = { DURABLY_API_TOKENS: `${token}:admin` };
  const client = { DURABLY_API_TOKEN: token };
  let server: Server;
  const api = (route: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}${route}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => {
    requireBuiltCli();
    server = await startServer(["serve", functions, "--port", "0", "--db", db], env);
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
  });

  it("prints the URL and the hosted functions, and never the token", () => {
    expect(server.output()).toContain("functions: approval, quick, slow");
    expect(server.output()).not.toContain(token);
  });

  it("requires the token over HTTP", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const anonymous = await fetch(`${server.url}/durable-executions`);
    expect(anonymous.status).toBe(401);
    expect((await api("/durable-executions")).status).toBe(200);
  });

  it("invokes and waits through the API, printing the operations and the result", async () => {
    const result = await runCli(
      ["invoke", "quick", "--url", server.url, "--input", '{"who":"e2e"}', "--wait"],
      { env: client },
    );
    expectExit(result, 0);
    expect(result.stdout).toContain("greet");
    expect(result.stdout).toContain("✓ SUCCEEDED");
    expect(result.stdout).toContain('"hello e2e"');
  });

  it("completes a callback with `durably callback succeed`, then lists and shows the history", async () => {
    const started = await runCli(
      ["invoke", "approval", "--url", server.url, "--name", "cb-1", "--json"],
      { env: client },
    );
    expectExit(started, 0);
    const arn = (JSON.parse(started.stdout) as { execution: { executionId: string } }).execution
      .executionId;
    let callbackId: string | undefined;
    const deadline = Date.now() + 20_000;
    while (callbackId === undefined && Date.now() < deadline) {
      const page = (await (
        await api(`/durable-executions/${encodeURIComponent(arn)}/operations`)
      ).json()) as {
        Operations: { CallbackDetails?: { CallbackId?: string } }[];
      };
      callbackId = page.Operations.find((op) => op.CallbackDetails?.CallbackId !== undefined)
        ?.CallbackDetails?.CallbackId;
      if (callbackId === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(callbackId).toBeDefined();
    const sent = await runCli(
      ["callback", "succeed", callbackId ?? "", "--url", server.url, "--result", "approved"],
      { env: client },
    );
    expectExit(sent, 0);
    const waited = await runCli(
      ["invoke", "approval", "--url", server.url, "--name", "cb-1", "--wait", "--json"],
      { env: client },
    );
    expectExit(waited, 0);
    expect(
      (JSON.parse(waited.stdout) as { execution: { result: unknown } }).execution.result,
    ).toEqual({ answer: "approved" });
    const again = await runCli(["callback", "succeed", callbackId ?? "", "--url", server.url], {
      env: client,
    });
    expect(again.code).toBe(6);
    expect(again.stderr).toContain("already SUCCEEDED");

    const list = (await (await api("/durable-executions?FunctionName=approval")).json()) as {
      DurableExecutions: { DurableExecutionName: string; Status: string }[];
    };
    expect(list.DurableExecutions).toContainEqual(
      expect.objectContaining({ DurableExecutionName: "cb-1", Status: "SUCCEEDED" }),
    );
    const history = (await (
      await api(`/durable-executions/${encodeURIComponent(arn)}/history`)
    ).json()) as {
      Events: { EventType: string }[];
    };
    expect(history.Events.map((event) => event.EventType)).toContain("CallbackSucceeded");
  });

  it("stops an execution by name, and says so when it has already finished", async () => {
    expect(
      (
        await runCli(["invoke", "approval", "--url", server.url, "--name", "stop-1"], {
          env: client,
        })
      ).code,
    ).toBe(0);
    const stopped = await runCli(
      [
        "executions",
        "stop",
        "stop-1",
        "--url",
        server.url,
        "--error",
        '{"ErrorMessage":"cancelled by e2e"}',
      ],
      { env: client },
    );
    expectExit(stopped, 0);
    expect(stopped.stdout).toContain("Stopped execution stop-1 of approval.");
    const twice = await runCli(["executions", "stop", "stop-1", "--url", server.url], {
      env: client,
    });
    expect(twice.code).toBe(6);
    expect(twice.stderr).toContain("already STOPPED");
  });

  it("exits with the right code and message for every client mistake", async () => {
    const closed = await closedPort();
    const cases: [string[], Record<string, string>, number, string][] = [
      [
        ["invoke", "quick", "--url", server.url],
        { DURABLY_API_TOKEN: "wrong-token-0123456789" },
        5,
        "Check DURABLY_API_TOKEN",
      ],
      [["invoke", "quick", "--url", server.url], {}, 5, "Set DURABLY_API_TOKEN"],
      [["invoke", "nope", "--url", server.url], client, 2, 'hosts no function "nope"'],
      [
        ["invoke", "quick", "--url", server.url, "--input", "{oops"],
        client,
        2,
        "--input is not valid JSON",
      ],
      [
        ["invoke", "quick", "--url", `http://127.0.0.1:${closed}`],
        client,
        4,
        `Cannot reach the server at http://127.0.0.1:${closed} (ECONNREFUSED)`,
      ],
      [
        ["executions", "stop", "no-such", "--url", server.url],
        client,
        2,
        'No execution with id or name "no-such"',
      ],
      [
        ["callback", "fail", "abc", "--url", server.url, "--error", "[1]"],
        client,
        2,
        "--error must be a JSON object",
      ],
    ];
    const results = await Promise.all(cases.map(([args, extra]) => runCli(args, { env: extra })));
    results.forEach((result, index) => {
      const [args, , code, message] = cases[index] ?? [[], {}, -1, ""];
      expectExit(result, code, `durably ${args.join(" ")}`);
      expect(result.stderr).toContain(message);
    });
  });

  it("finishes the invocation in flight on SIGTERM, then exits 0", async () => {
    const marker = path.join(dir, "slow-started");
    const started = await api("/functions/slow/durable-executions", {
      method: "POST",
      body: JSON.stringify({ DurableExecutionName: "slow-1", Input: { marker, ms: 1500 } }),
    });
    expect(started.status).toBe(201);
    await pollUntil(
      "the slow step to start",
      () => (existsSync(marker) ? true : undefined),
      20_000,
      20,
    );
    server.child.kill("SIGTERM");
    const exit = await server.exit;
    expectExit(exit, 0);
    expect(exit.stderr).toContain("Shutting down");
    const got = await runCli(["executions", "get", "slow-1", "--db", db, "--json"]);
    expect(
      (JSON.parse(got.stdout) as { execution: { status: string; result: unknown } }).execution,
    ).toMatchObject({
      status: "SUCCEEDED",
      result: "finished",
    });
  });
});

describe("durably serve refuses to start wrongly", () => {
  it("exits 2 without tokens, with --insecure-local off loopback, and for a missing module", async () => {
    const results = await Promise.all([
      runCli(["serve", functions, "--port", "0"], { env: { DURABLY_API_TOKENS: "" } }),
      runCli(["serve", functions, "--port", "0", "--insecure-local", "--host", "0.0.0.0"]),
      runCli(["serve", "missing.ts", "--port", "0", "--insecure-local"]),
    ]);
    expect(results.map((result) => result.code)).toEqual([2, 2, 2]);
    expect(results[0]?.stderr).toContain("No API token configured");
    expect(results[1]?.stderr).toContain("--insecure-local listens on loopback only");
    expect(results[2]?.stderr).toContain("Module not found: missing.ts");
  });
});

describe("durably dev", () => {
  it("reloads a changed module: the next execution runs the new code", async () => {
    const dir = tempDir("dev");
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }');
    mkdirSync(path.join(dir, "node_modules/@durably"), { recursive: true });
    symlinkSync(path.join(repoRoot, "packages/sdk"), path.join(dir, "node_modules/@durably/sdk"));
    const greeting = (word: string): string =>
      `export const greeting = (who: string): string => \`${word} \${who}\`;\n`;
    writeFileSync(path.join(dir, "greeting.ts"), greeting("hello"));
    writeFileSync(
      path.join(dir, "greeter.ts"),
      'import { withDurableExecution } from "@durably/sdk";\nimport { greeting } from "./greeting.ts";\n' +
        "export const greet = withDurableExecution(async (event: { who: string }, context) =>\n" +
        '  context.step("greet", async () => greeting(event.who)));\n',
    );
    const dev = await startServer(["dev", "greeter.ts", "--port", "0"], {}, dir);
    try {
      const invoke = async (): Promise<unknown> => {
        const result = await runCli([
          "invoke",
          "greet",
          "--url",
          dev.url,
          "--input",
          '{"who":"dev"}',
          "--wait",
          "--json",
        ]);
        expectExit(result, 0);
        return (JSON.parse(result.stdout) as { execution: { result: unknown } }).execution.result;
      };
      expect(await invoke()).toBe("hello dev");
      // A change to a file the module imports, not only to the module itself, reloads it.
      writeFileSync(path.join(dir, "greeting.ts"), greeting("bonjour"));
      await pollUntil(
        "the reload",
        () => (dev.output().includes("reloaded after a change to greeting.ts") ? true : undefined),
        20_000,
        50,
      );
      expect(await invoke()).toBe("bonjour dev");
      expect(existsSync(path.join(dir, ".durably/dev.db"))).toBe(true);
    } finally {
      dev.child.kill("SIGINT");
      expect((await dev.exit).code).toBe(0);
    }
  });
});
