import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consoleToken,
  requireBuiltConsole,
  startConsoleServer,
} from "../support/console-server.ts";
import type { ConsoleServer } from "../support/console-server.ts";
import { progress } from "../fixtures/console-functions.ts";

const distAssets = new URL("../../packages/server/console/dist/assets/", import.meta.url);

describe("console assets served over HTTP", () => {
  let server: ConsoleServer;

  beforeAll(async () => {
    requireBuiltConsole();
    server = await startConsoleServer({ functions: { progress } });
  });
  afterAll(async () => server?.close());

  it("serves index.html at / and at the console's own routes, uncached and locked down", async () => {
    for (const route of [
      "/",
      "/executions",
      `/executions/${encodeURIComponent("arn:x:function:f:$LATEST/durable-execution/n/1")}`,
    ]) {
      const response = await fetch(`${server.url}${route}`);
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("content-security-policy")).toContain("connect-src 'self'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(await response.text()).toContain('<div id="app"></div>');
    }
  });

  it("serves hashed assets with their content type and a year of caching, and answers revalidation", async () => {
    const files = readdirSync(distAssets).filter((name) => !name.endsWith(".map"));
    const script = files.find((name) => name.endsWith(".js"));
    const style = files.find((name) => name.endsWith(".css"));
    const js = await fetch(`${server.url}/assets/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const css = await fetch(`${server.url}/assets/${style}`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    const etag = js.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.url}/assets/${script}`, {
      headers: { "if-none-match": etag ?? "" },
    });
    expect(again.status).toBe(304);
    const head = await fetch(`${server.url}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("leaves every other path to the API, which still requires the token", async () => {
    expect((await fetch(`${server.url}/durable-executions`)).status).toBe(401);
    const listed = await fetch(`${server.url}/durable-executions`, {
      headers: { authorization: `Bearer ${consoleToken}` },
    });
    expect(listed.status).toBe(200);
    const unknown = await fetch(`${server.url}/assets/missing.js`, {
      headers: { authorization: `Bearer ${consoleToken}` },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect((await fetch(`${server.url}/executions`, { method: "POST" })).status).toBe(401);
  });

  it("never serves files outside the console folder", async () => {
    for (const attempt of [
      "/..%2f..%2fpackage.json",
      "/assets/..%2f..%2f..%2fpackage.json",
      "/%2e%2e/%2e%2e/package.json",
      "/assets/%5c..%5cindex.html",
    ]) {
      const response = await fetch(`${server.url}${attempt}`);
      expect({ attempt, status: response.status }).not.toEqual({ attempt, status: 200 });
    }
  });
});

describe("console assets when the console is not built", () => {
  it("says how to build it at /, and the API works", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "durably-no-console-"));
    const server = await startConsoleServer({ functions: { progress }, consoleDirectory: empty });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("npm run build:console");
      const api = await fetch(`${server.url}/durable-executions`, {
        headers: { authorization: `Bearer ${consoleToken}` },
      });
      expect(api.status).toBe(200);
    } finally {
      await server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
