/**
 * Probes, metrics and request logs over real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import { adminToken, executionUrl, jsonBody, startApi } from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
let faults: unknown[];
beforeEach(async () => {
  faults = [];
  api = await startApi({ onError: (error) => faults.push(error) });
});
afterEach(async () => {
  await api.close();
});

describe("probes", () => {
  it("readiness fails with 503 UNAVAILABLE once the store is gone; liveness still answers", async () => {
    await api.store.close();
    const ready = await api.call("/readyz", { token: null });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ code: "UNAVAILABLE", status: 503 });
    expect((await api.call("/healthz", { token: null })).status).toBe(200);
    expect(faults).toHaveLength(1);
  });
});

describe("GET /metrics", () => {
  it("counts executions by status, invocations by outcome, wait timer lag and requests", async () => {
    await api.json(
      "/functions/greeter/durable-executions?wait=30s",
      jsonBody({ Input: { name: "Ada" } }),
    );
    const { body } = await api.json("/functions/approval/durable-executions", jsonBody({}));
    await api.engine.whenIdle();
    await api.call(executionUrl(body.DurableExecutionArn as string, "/stop"), { method: "POST" });
    const response = await api.call("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('durably_executions_started_total{function="greeter"} 1');
    expect(text).toContain('durably_executions_started_total{function="approval"} 1');
    expect(text).toContain('durably_executions_finished_total{status="SUCCEEDED"} 1');
    expect(text).toContain('durably_executions_finished_total{status="STOPPED"} 1');
    // greeter: suspended on its wait, then succeeded; approval: suspended on its callback.
    expect(text).toContain('durably_invocations_total{outcome="PENDING"} 2');
    expect(text).toContain('durably_invocations_total{outcome="SUCCEEDED"} 1');
    expect(text).toContain("durably_invocations_in_flight 0");
    expect(text).toContain("durably_timer_lag_seconds_count 1");
    expect(text).toContain("durably_checkpoint_duration_seconds_count 0");
    expect(text).toContain(
      'durably_http_requests_total{method="POST",route="/functions/:FunctionName/durable-executions",status="201"} 2',
    );
  });
});

describe("request logs", () => {
  it("carry method, route pattern, status and duration only: no token, id or payload", async () => {
    const secret = "card-4111-1111";
    const { body } = await api.json(
      "/functions/approval/durable-executions",
      jsonBody({ DurableExecutionName: "private-name", Input: { secret } }),
    );
    await api.engine.whenIdle();
    const arn = body.DurableExecutionArn as string;
    await api.call(executionUrl(arn));
    await api.call("/durable-execution-callbacks/c2VjcmV0/succeed", {
      method: "POST",
      body: secret,
    });
    await api.call("/healthz", { token: null });
    await api.call("/nowhere", { token: null });
    expect(api.logLines.map(({ method, route, status }) => [method, route, status])).toEqual([
      ["POST", "/functions/:FunctionName/durable-executions", 201],
      ["GET", "/durable-executions/:DurableExecutionArn", 200],
      ["POST", "/durable-execution-callbacks/:CallbackId/succeed", 404],
      ["GET", "/healthz", 200],
      ["GET", "(unmatched)", 401],
    ]);
    for (const line of api.logLines) {
      expect(Object.keys(line).sort()).toEqual(["durationMs", "method", "route", "status"]);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }
    const text = JSON.stringify(api.logLines);
    for (const leak of [adminToken, secret, "private-name", "c2VjcmV0", encodeURIComponent(arn)])
      expect(text).not.toContain(leak);
  });
});
