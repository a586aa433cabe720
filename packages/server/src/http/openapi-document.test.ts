/**
 * The served OpenAPI document is generated from the route definitions the app validates with:
 * walking the app's routes and the document's paths finds the same set both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import { startApi } from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
let document: {
  openapi: string;
  security: unknown;
  paths: Record<
    string,
    Record<string, { security?: unknown; parameters?: { name: string; in: string }[] }>
  >;
};
beforeAll(async () => {
  api = await startApi();
  const response = await api.call("/openapi.json");
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  document = (await response.json()) as typeof document;
});
afterAll(async () => {
  await api.close();
});

const httpMethods = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);

/** `METHOD /path/{Param}` of every route the app serves (middleware-only entries excluded). */
function appRoutes(): Set<string> {
  return new Set(
    api.app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`),
  );
}

/** `METHOD /path/{Param}` of every operation in the document. */
function documentRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) {
      if (httpMethods.has(method)) routes.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return routes;
}

describe("the OpenAPI document", () => {
  it("documents every route the app serves", () => {
    const documented = documentRoutes();
    expect([...appRoutes()].filter((r) => !documented.has(r))).toEqual([]);
  });

  it("documents no route the app does not serve", () => {
    const served = appRoutes();
    expect([...documentRoutes()].filter((r) => !served.has(r))).toEqual([]);
  });

  it("lists the expected API surface", () => {
    expect([...appRoutes()].sort()).toEqual([
      "GET /durable-executions",
      "GET /durable-executions/{DurableExecutionArn}",
      "GET /durable-executions/{DurableExecutionArn}/history",
      "GET /durable-executions/{DurableExecutionArn}/operations",
      "GET /functions/{FunctionName}/durable-executions",
      "GET /healthz",
      "GET /metrics",
      "GET /openapi.json",
      "GET /readyz",
      "POST /durable-execution-callbacks/{CallbackId}/fail",
      "POST /durable-execution-callbacks/{CallbackId}/heartbeat",
      "POST /durable-execution-callbacks/{CallbackId}/succeed",
      "POST /durable-executions/{DurableExecutionArn}/stop",
      "POST /functions/{FunctionName}/durable-executions",
    ]);
  });

  it("declares every path parameter", () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(item)) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => p.name);
        expect({ path, declared }).toEqual({ path, declared: names });
      }
    }
  });

  it("requires the bearer token everywhere but on the probes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths["/healthz"]?.["get"]?.security).toEqual([]);
    expect(document.paths["/readyz"]?.["get"]?.security).toEqual([]);
    const open = Object.entries(document.paths).filter(([, item]) =>
      Object.values(item).some((op) => op.security !== undefined),
    );
    expect(open.map(([path]) => path).sort()).toEqual(["/healthz", "/readyz"]);
  });
});
