/**
 * A real API for tests: an engine on the memory store and a VirtualClock (time skips ahead when the
 * engine is idle, except for callback timers, which tests drive), real SDK handlers, and the app
 * served over HTTP on 127.0.0.1, port 0.
 */
import { createEngine, VirtualClock } from "@durably/engine";
import type { Engine, IdSource } from "@durably/engine";
import { withDurableExecution } from "@durably/sdk";
import { createMemoryStore } from "@durably/store/memory";
import type { MemoryStore } from "@durably/store/memory";
import type { HttpAuth } from "../../bearer-auth.ts";
import { createHttpApp } from "../../create-http-app.ts";
import type { HttpAppOptions } from "../../create-http-app.ts";
import type { HttpApp } from "../../http-env.ts";
import type { HttpLimits } from "../../http-limits.ts";
import type { RequestLogLine } from "../../observe-requests.ts";
import { startHttpServer } from "../../start-http-server.ts";

/** Instant the virtual clock starts at. */
export const testEpoch: number = Date.UTC(2025, 0, 1);
/** A token with every scope. */
export const adminToken = "admin-token-0123456789abcdef";
/** A token that may only complete callbacks. */
export const callbacksToken = "callbacks-token-0123456789abcdef";

/** Tokens of {@link startApi} unless a test gives its own auth. */
export const testAuth: HttpAuth = {
  tokens: [
    { token: adminToken, scopes: ["admin"] },
    { token: callbacksToken, scopes: ["callbacks"] },
  ],
};

/** A running API and what tests need to drive it. */
export interface ApiFixture {
  app: HttpApp;
  engine: Engine;
  store: MemoryStore;
  clock: VirtualClock;
  url: string;
  /** Log lines written so far. */
  logLines: RequestLogLine[];
  /** Fetches `path` with the admin token unless `token` says otherwise (null: no header). */
  call(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** Fetches and parses the JSON body. */
  json<T = Record<string, any>>(
    path: string,
    init?: RequestInit & { token?: string | null },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

/** Ids counted up from 1, so runs are reproducible. */
function seededIds(): IdSource {
  let next = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`,
    // "+/+/" and padding: callback ids that must be percent-encoded in paths.
    callbackId: () => Buffer.from([0xfb, 0xff, 0xbf, ++next % 256]).toString("base64"),
  };
}

/** Starts an engine, the app and a server. */
export async function startApi(
  options: { auth?: HttpAuth; limits?: HttpLimits; onError?: (error: unknown) => void } = {},
): Promise<ApiFixture> {
  const store = createMemoryStore();
  const clock = new VirtualClock(testEpoch);
  const engine = createEngine({
    store,
    clock,
    ids: seededIds(),
    autoAdvanceTime: (due) => !due.kind.startsWith("callback-"),
    functions: testFunctions(),
  });
  engine.start();
  const logLines: RequestLogLine[] = [];
  const appOptions: HttpAppOptions = {
    engine,
    auth: options.auth ?? testAuth,
    logRequest: (line) => logLines.push(line),
    onError: options.onError ?? (() => undefined),
  };
  if (options.limits !== undefined) appOptions.limits = options.limits;
  const app = createHttpApp(appOptions);
  const server = await startHttpServer({ app, host: "127.0.0.1", port: 0 });
  const call: ApiFixture["call"] = (path, init = {}) => {
    const { token = adminToken, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set("authorization", `Bearer ${token}`);
    return fetch(`${server.url}${path}`, { ...rest, headers });
  };
  return {
    app,
    engine,
    store,
    clock,
    url: server.url,
    logLines,
    call,
    async json(path, init) {
      const response = await call(path, init);
      const text = await response.text();
      return {
        status: response.status,
        body: text === "" ? {} : JSON.parse(text),
        headers: response.headers,
      };
    },
    async close() {
      await server.close();
      await engine.stop();
      await store.close();
    },
  };
}

/** A JSON POST body. */
export function jsonBody(value: unknown): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(value),
  };
}

/** The API path of an execution. */
export function executionUrl(arn: string, suffix = ""): string {
  return `/durable-executions/${encodeURIComponent(arn)}${suffix}`;
}

function testFunctions(): NonNullable<Parameters<typeof createEngine>[0]["functions"]> {
  return {
    // Three virtual days between two steps: finishes at once in virtual time.
    greeter: withDurableExecution(async (event: { name?: string }, context) => {
      const greeting = await context.step("greet", async () => `Hello, ${event.name ?? "you"}!`);
      await context.wait({ days: 3 });
      return context.step("shout", async () => greeting.toUpperCase());
    }),
    // Waits for a callback whose heartbeat must come every 5 minutes.
    approval: withDurableExecution(async (_event, context) =>
      context.waitForCallback("approval", async () => undefined, {
        heartbeatTimeout: { minutes: 5 },
      }),
    ),
    echo: withDurableExecution(async (event: unknown) => event),
  };
}
