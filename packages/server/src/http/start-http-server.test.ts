/**
 * Serving and closing: the URL of a port-0 server, and a close that lets requests in flight finish.
 */
import { createEngine, VirtualClock } from "@durably/engine";
import { withDurableExecution } from "@durably/sdk";
import { createMemoryStore } from "@durably/store/memory";
import { describe, expect, it } from "vitest";
import { createHttpApp } from "./create-http-app.ts";
import { adminToken, testAuth } from "./internal/testing/api-fixture.ts";
import { startHttpServer } from "./start-http-server.ts";

function testApp() {
  const store = createMemoryStore();
  const engine = createEngine({
    store,
    clock: new VirtualClock(0),
    autoAdvanceTime: true,
    functions: {
      parked: withDurableExecution(async (_event, context) =>
        context.waitForCallback(async () => undefined),
      ),
    },
  });
  engine.start();
  return { engine, store, app: createHttpApp({ engine, auth: testAuth }) };
}

describe("startHttpServer", () => {
  it("reports the URL of the port it got, and refuses connections once closed", async () => {
    const { engine, app } = testApp();
    const server = await startHttpServer({ app, host: "127.0.0.1", port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await server.close(); // idempotent
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow(/fetch failed/);
    await engine.stop();
  });

  it("brackets an IPv6 address in the URL", async () => {
    const { engine, app } = testApp();
    const server = await startHttpServer({ app, host: "::1", port: 0 });
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    await server.close();
    await engine.stop();
  });

  it("lets a request in flight finish before close resolves", async () => {
    const { engine, app } = testApp();
    const server = await startHttpServer({ app, host: "127.0.0.1", port: 0 });
    const started = new Promise<void>((resolve) => {
      const off = engine.subscribe((event) => {
        if (event.type === "execution-started") {
          off();
          resolve();
        }
      });
    });
    const inFlight = fetch(`${server.url}/functions/parked/durable-executions?wait=100ms`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}` },
    });
    await started;
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(202);
    await closed;
    await engine.stop();
  });

  it("rejects when the port is taken", async () => {
    const { engine, app } = testApp();
    const first = await startHttpServer({ app, host: "127.0.0.1", port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(startHttpServer({ app, host: "127.0.0.1", port })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
    await first.close();
    await engine.stop();
  });
});
