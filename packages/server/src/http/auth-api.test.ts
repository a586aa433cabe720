/**
 * Authentication and scopes over real HTTP: tokens, the callbacks-only scope, public probes, and
 * the insecure-local mode.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, VirtualClock } from "@durably/engine";
import { createMemoryStore } from "@durably/store/memory";
import { createHttpApp } from "./create-http-app.ts";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import {
  adminToken,
  callbacksToken,
  executionUrl,
  jsonBody,
  startApi,
} from "./internal/testing/api-fixture.ts";
import { startHttpServer } from "./start-http-server.ts";

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Status, media type and code of an error response. */
async function problemOf(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as { status: number; code: string };
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    code: body.code,
    bodyStatus: body.status,
  };
}

function problem(status: number, code: string): Record<string, unknown> {
  return { status, contentType: "application/problem+json", code, bodyStatus: status };
}

describe("bearer tokens", () => {
  it("refuses a request without a token: 401 UNAUTHORIZED with a Bearer challenge", async () => {
    api = await startApi();
    const response = await api.call("/durable-executions", { token: null });
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="durably"');
    expect(await problemOf(response)).toEqual(problem(401, "UNAUTHORIZED"));
  });

  it.each([
    ["a wrong token", { authorization: `Bearer ${adminToken.replace("a", "b")}` }],
    ["a truncated token", { authorization: `Bearer ${adminToken.slice(0, -1)}` }],
    [
      "another scheme",
      { authorization: `Basic ${Buffer.from(`x:${adminToken}`).toString("base64")}` },
    ],
    ["an empty bearer", { authorization: "Bearer " }],
  ])("refuses %s: 401 UNAUTHORIZED", async (_name, headers) => {
    api = await startApi();
    const response = await api.call("/functions/echo/durable-executions", {
      ...jsonBody({}),
      headers: { ...headers, "content-type": "application/json" },
      token: null,
    });
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(await problemOf(response)).toEqual(problem(401, "UNAUTHORIZED"));
    expect((await api.engine.listExecutions()).items).toEqual([]);
  });

  it("accepts the scheme in any case", async () => {
    api = await startApi();
    const response = await api.call("/durable-executions", {
      headers: { authorization: `bearer ${adminToken}` },
      token: null,
    });
    expect(response.status).toBe(200);
  });

  it("hides unknown routes from callers without a token (401), and reports them to others (404)", async () => {
    api = await startApi();
    expect(await problemOf(await api.call("/nowhere", { token: null }))).toEqual(
      problem(401, "UNAUTHORIZED"),
    );
    expect(await problemOf(await api.call("/nowhere"))).toEqual(problem(404, "NOT_FOUND"));
  });

  it("serves /healthz and /readyz without a token", async () => {
    api = await startApi();
    expect(await (await api.call("/healthz", { token: null })).json()).toEqual({ status: "ok" });
    expect(await (await api.call("/readyz", { token: null })).json()).toEqual({ status: "ready" });
  });
});

describe("the callbacks scope", () => {
  it.each([
    ["start", "/functions/echo/durable-executions", jsonBody({})],
    ["list", "/durable-executions", {}],
    ["metrics", "/metrics", {}],
    ["the OpenAPI document", "/openapi.json", {}],
  ])("may not %s: 403 FORBIDDEN", async (_name, path, init) => {
    api = await startApi();
    const response = await api.call(path, { ...init, token: callbacksToken });
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(await problemOf(response)).toEqual(problem(403, "FORBIDDEN"));
    expect((await api.engine.listExecutions()).items).toEqual([]);
  });

  it("may not read or stop an execution: 403 FORBIDDEN, nothing stopped", async () => {
    api = await startApi();
    const { body } = await api.json("/functions/approval/durable-executions", jsonBody({}));
    const arn = body.DurableExecutionArn as string;
    expect(await problemOf(await api.call(executionUrl(arn), { token: callbacksToken }))).toEqual(
      problem(403, "FORBIDDEN"),
    );
    expect(
      await problemOf(
        await api.call(executionUrl(arn, "/stop"), { method: "POST", token: callbacksToken }),
      ),
    ).toEqual(problem(403, "FORBIDDEN"));
    expect(
      await problemOf(await api.call(executionUrl(arn, "/history"), { token: callbacksToken })),
    ).toEqual(problem(403, "FORBIDDEN"));
    expect((await api.engine.getExecution(arn)).status).toBe("RUNNING");
  });

  it("may complete callbacks, and so may admin tokens", async () => {
    api = await startApi();
    const unknown = "/durable-execution-callbacks/AAAA/heartbeat";
    // Authorised for the route: the engine answers (the callback does not exist).
    expect(
      await problemOf(await api.call(unknown, { method: "POST", token: callbacksToken })),
    ).toEqual(problem(404, "NOT_FOUND"));
    expect(await problemOf(await api.call(unknown, { method: "POST", token: adminToken }))).toEqual(
      problem(404, "NOT_FOUND"),
    );
  });
});

describe("insecure-local mode", () => {
  it("serves loopback callers without a token", async () => {
    api = await startApi({ auth: { insecureLocal: true } });
    const response = await api.call("/functions/echo/durable-executions", {
      ...jsonBody({}),
      token: null,
    });
    expect(response.status).toBe(201);
  });

  it("refuses to listen beyond loopback", async () => {
    const engine = createEngine({ store: createMemoryStore(), clock: new VirtualClock(0) });
    const app = createHttpApp({ engine, auth: { insecureLocal: true } });
    for (const host of ["0.0.0.0", "::", "192.0.2.10"]) {
      await expect(startHttpServer({ app, host, port: 0 })).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
        message: expect.stringContaining("loopback only"),
      });
    }
  });

  it("refuses calls that reach the app without a socket (fails closed)", async () => {
    const engine = createEngine({ store: createMemoryStore(), clock: new VirtualClock(0) });
    const app = createHttpApp({ engine, auth: { insecureLocal: true } });
    expect(await problemOf(await app.request("/durable-executions"))).toEqual(
      problem(401, "UNAUTHORIZED"),
    );
  });
});

describe("configuration", () => {
  it("refuses an app without tokens", () => {
    const engine = createEngine({ store: createMemoryStore(), clock: new VirtualClock(0) });
    expect(() => createHttpApp({ engine, auth: { tokens: [] } })).toThrow(
      /No API token configured/,
    );
  });
});
