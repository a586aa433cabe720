/**
 * Restate: `@restatedev/restate-server` (the binary its npm package ships) started for this
 * measurement on loopback with a fresh data directory and telemetry off, default settings otherwise,
 * and a `@restatedev/restate-sdk` endpoint served over HTTP/2 (bidirectional) from this process.
 * Each execution is one HTTP call to the ingress from this process; the server is stopped after.
 * Server CPU and peak RSS (VmHWM) are read from /proc and reported apart from the endpoint's.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Context, RestatePromise } from "@restatedev/restate-sdk";
import type * as RestateSdk from "@restatedev/restate-sdk";
import { FANOUT_CONCURRENCY, SLEEP_MS } from "../workloads/workload.ts";
import type { WorkloadKind } from "../workloads/workload.ts";
import { processCpuMs, processPeakRssMb } from "./helper-processes.ts";
import type { BenchTarget } from "./implementation.ts";

/** SDK 1.17 uses Promise.withResolvers (Node 22); Node 20 lacks it. */
function polyfillWithResolvers(): void {
  if (typeof (Promise as { withResolvers?: unknown }).withResolvers === "function") return;
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

const handlerNames: Record<WorkloadKind, string> = {
  sequential: "w1",
  throughput: "w2",
  fanout: "w3",
  sleep: "w4",
};

/** The bench service: one handler per workload kind. */
async function benchService(): Promise<{
  sdk: typeof RestateSdk;
  service: unknown;
}> {
  polyfillWithResolvers();
  // The SDK logs two INFO lines per invocation by default; WARN, as DBOS runs with logLevel "warn".
  process.env["RESTATE_LOGGING"] ??= "WARN";
  const sdk = await import("@restatedev/restate-sdk");
  const service = sdk.service({
    name: "bench",
    handlers: {
      /** W1: `n` sequential `ctx.run` steps; the result is n − 1. */
      w1: async (ctx: Context, n: number): Promise<number> => {
        let last = -1;
        for (let i = 0; i < n; i++) last = await ctx.run(`step-${i}`, async () => i);
        return last;
      },
      /** W2: three steps; the result is id + 2. */
      w2: async (ctx: Context, id: number): Promise<number> => {
        const a = await ctx.run("a", async () => id);
        const b = await ctx.run("b", async () => a + 1);
        return ctx.run("c", async () => b + 1);
      },
      /**
       * W3: one `ctx.run` per item in this invocation, a 50-wide sliding window built on
       * RestatePromise.race (the SDK rejects several plain awaits at once); the number of results.
       * The fastest Restate form in the anchors (child-handler calls took 3.6× longer there).
       */
      w3: async (ctx: Context, count: number): Promise<number> => {
        const inFlight = new Map<number, RestatePromise<number>>();
        const results: number[] = [];
        let next = 0;
        while (next < count || inFlight.size > 0) {
          while (inFlight.size < FANOUT_CONCURRENCY && next < count) {
            const item = next++;
            inFlight.set(
              item,
              ctx
                .run(`item-${item}`, async () => item * 2)
                .map((value) => {
                  results[item] = value as number;
                  return item;
                }),
            );
          }
          inFlight.delete(await sdk.RestatePromise.race([...inFlight.values()]));
        }
        return results.length;
      },
      /** W4: `n` steps, `ctx.sleep(1000)`, `n` steps. */
      w4: async (ctx: Context, n: number): Promise<number> => {
        let last = -1;
        for (let i = 0; i < n; i++) last = await ctx.run(`pre-${i}`, async () => i);
        await ctx.sleep(SLEEP_MS, "sleep");
        for (let i = 0; i < n; i++) last = await ctx.run(`post-${i}`, async () => i);
        return last;
      },
    },
  });
  return { sdk, service };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retries `attempt` until it resolves or `timeoutMs` passes. */
async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await sleepMs(100);
    }
  }
}

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill("SIGKILL"), 5000);
    server.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

/** Restate server + SDK endpoint, both on 127.0.0.1. */
export async function restate(_kind: WorkloadKind): Promise<BenchTarget> {
  const { sdk, service } = await benchService();
  const dataDir = mkdtempSync(join(tmpdir(), "durably-bench-restate-"));
  const [ingressPort, adminPort, nodePort] = [await freePort(), await freePort(), await freePort()];
  const config = [
    `node-name = "bench"`,
    `base-dir = "${dataDir}"`,
    `disable-telemetry = true`,
    `bind-address = "127.0.0.1:${nodePort}"`,
    `advertised-address = "http://127.0.0.1:${nodePort}/"`,
    `[admin]`,
    `bind-address = "127.0.0.1:${adminPort}"`,
    `[ingress]`,
    `bind-address = "127.0.0.1:${ingressPort}"`,
  ].join("\n");
  writeFileSync(join(dataDir, "restate.toml"), `${config}\n`);
  const require = createRequire(import.meta.url);
  const binary = join(
    dirname(require.resolve("@restatedev/restate-server-linux-x64/package.json")),
    "bin",
    "restate-server",
  );
  const server = spawn(binary, ["--config-file", join(dataDir, "restate.toml"), "--no-logo"], {
    cwd: dataDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DO_NOT_TRACK: "1" },
  });
  let log = "";
  const keep = (d: Buffer): void => void (log = (log + d.toString()).slice(-4000));
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const endpoint = http2.createServer(
    sdk.createEndpointHandler({
      services: [service as Parameters<typeof sdk.createEndpointHandler>[0]["services"][number]],
      bidirectional: true,
    }),
  );
  const cleanup = async (): Promise<void> => {
    await stopServer(server);
    await new Promise<void>((r) => endpoint.close(() => r()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (server.pid === undefined) throw new Error("restate-server did not start");
    const endpointPort = await new Promise<number>((resolve) => {
      endpoint.listen(0, "127.0.0.1", () => resolve((endpoint.address() as { port: number }).port));
    });
    const admin = `http://127.0.0.1:${adminPort}`;
    const ingress = `http://127.0.0.1:${ingressPort}`;
    await until("restate-server health", 60_000, async () => {
      if (server.exitCode !== null)
        throw new Error(`restate-server exited (${server.exitCode}): ${log}`);
      const response = await fetch(`${admin}/health`);
      if (!response.ok) throw new Error(`health ${response.status}`);
    }).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${log}`);
    });
    await until("deployment registration", 30_000, () =>
      post(`${admin}/deployments`, { uri: `http://127.0.0.1:${endpointPort}` }),
    );
    // The ingress learns of the new deployment shortly after registration.
    await until("ingress ready", 30_000, () => post(`${ingress}/bench/w2`, 0));
    const pid = server.pid;
    let cpuAtStart = 0;
    return {
      runOne: (kind, input) => post(`${ingress}/bench/${handlerNames[kind]}`, input),
      async beginMeasure() {
        cpuAtStart = processCpuMs(pid) ?? 0;
      },
      async helperFigures() {
        return {
          cpuMs: (processCpuMs(pid) ?? cpuAtStart) - cpuAtStart,
          peakRssMb: processPeakRssMb(pid) ?? 0,
        };
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
