/**
 * Starting, reading, listing and stopping executions over real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import { executionUrl, jsonBody, startApi, testEpoch } from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
beforeEach(async () => {
  api = await startApi();
});
afterEach(async () => {
  await api.close();
});

describe("POST /functions/{FunctionName}/durable-executions", () => {
  it("starts asynchronously: 201 with the execution, Location pointing at it", async () => {
    const started = await api.json(
      "/functions/approval/durable-executions",
      jsonBody({ DurableExecutionName: "order-1", Input: { id: 1 } }),
    );
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      DurableExecutionName: "order-1",
      FunctionName: "approval",
      Status: "RUNNING",
      InputPayload: '{"id":1}',
      StartTimestamp: new Date(testEpoch).toISOString(),
    });
    const arn = started.body.DurableExecutionArn as string;
    expect(started.headers.get("location")).toBe(executionUrl(arn));
    const read = await api.json(started.headers.get("location") ?? "");
    expect(read.body).toMatchObject({ DurableExecutionArn: arn, Status: "RUNNING" });
  });

  it("starts with no body: the handler gets {}", async () => {
    const started = await api.json("/functions/echo/durable-executions", { method: "POST" });
    expect(started.status).toBe(201);
    const done = await api.engine.waitForExecution(started.body.DurableExecutionArn);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: "{}" });
  });

  it("takes InputPayload as JSON text, unchanged", async () => {
    const payload = '{"big":12345678901234567890}';
    const started = await api.json(
      "/functions/echo/durable-executions?wait=30s",
      jsonBody({ InputPayload: payload, ExecutionTimeout: 60 }),
    );
    expect(started.body).toMatchObject({
      InputPayload: payload,
      Status: "SUCCEEDED",
      DurableConfig: { ExecutionTimeout: 60 },
    });
  });

  it("is idempotent by name: the same name returns the existing execution with 200", async () => {
    const first = await api.json(
      "/functions/approval/durable-executions",
      jsonBody({ DurableExecutionName: "order-42", Input: { n: 1 } }),
    );
    const again = await api.json(
      "/functions/approval/durable-executions",
      jsonBody({ DurableExecutionName: "order-42", Input: { n: 2 } }),
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.DurableExecutionArn).toBe(first.body.DurableExecutionArn);
    expect(again.body.InputPayload).toBe('{"n":1}');
    expect((await api.engine.listExecutions()).items).toHaveLength(1);
  });

  it("waits with ?wait= and returns the finished execution (a three-day wait in virtual time)", async () => {
    const done = await api.json(
      "/functions/greeter/durable-executions?wait=30s",
      jsonBody({ DurableExecutionName: "greet-ada", Input: { name: "Ada" } }),
    );
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      Status: "SUCCEEDED",
      Result: '"HELLO, ADA!"',
      EndTimestamp: new Date(testEpoch + 3 * 86_400_000).toISOString(),
    });
    const again = await api.json(
      "/functions/greeter/durable-executions?wait=30s",
      jsonBody({ DurableExecutionName: "greet-ada" }),
    );
    expect(again.status).toBe(200);
    expect(again.body.Result).toBe('"HELLO, ADA!"');
  });

  it("answers 202 with the running execution when the wait bound passes first", async () => {
    const pending = await api.json(
      "/functions/approval/durable-executions?wait=20ms",
      jsonBody({ DurableExecutionName: "slow" }),
    );
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ DurableExecutionName: "slow", Status: "RUNNING" });
    expect(pending.headers.get("location")).toBe(executionUrl(pending.body.DurableExecutionArn));
  });
});

describe("GET /durable-executions/{DurableExecutionArn}", () => {
  it("returns status, input, result and timestamps", async () => {
    const { body } = await api.json(
      "/functions/echo/durable-executions?wait=30s",
      jsonBody({ Input: ["a", 1] }),
    );
    const read = await api.json(executionUrl(body.DurableExecutionArn));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      DurableExecutionArn: body.DurableExecutionArn,
      DurableExecutionName: body.DurableExecutionName,
      FunctionName: "echo",
      FunctionArn: "arn:durably:lambda:local:000000000000:function:echo:$LATEST",
      Status: "SUCCEEDED",
      InputPayload: '["a",1]',
      Result: '["a",1]',
      StartTimestamp: new Date(testEpoch).toISOString(),
      EndTimestamp: new Date(testEpoch).toISOString(),
    });
  });

  it("answers 404 NOT_FOUND as problem+json for an unknown execution", async () => {
    const response = await api.call(executionUrl("arn:durably:nothing/durable-execution/x/y"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });
});

describe("listing executions", () => {
  // alpha-1 (echo, +0 s), beta-1 (approval, +1 s), alpha-2 (echo, +2 s), alpha-3 (approval, +3 s).
  async function seed(): Promise<void> {
    const starts: [string, string][] = [
      ["echo", "alpha-1"],
      ["approval", "beta-1"],
      ["echo", "alpha-2"],
      ["approval", "alpha-3"],
    ];
    for (const [index, [fn, name]] of starts.entries()) {
      api.clock.advanceTo(testEpoch + index * 1000);
      await api.json(
        `/functions/${fn}/durable-executions`,
        jsonBody({ DurableExecutionName: name }),
      );
      await api.engine.whenIdle();
    }
  }

  async function names(query: string, path = "/durable-executions"): Promise<string[]> {
    const { status, body } = await api.json(`${path}${query}`);
    expect(status).toBe(200);
    return (body.DurableExecutions as { DurableExecutionName: string }[]).map(
      (e) => e.DurableExecutionName,
    );
  }

  it("lists newest first, or oldest first with ReverseOrder", async () => {
    await seed();
    expect(await names("")).toEqual(["alpha-3", "alpha-2", "beta-1", "alpha-1"]);
    expect(await names("?ReverseOrder=true")).toEqual(["alpha-1", "beta-1", "alpha-2", "alpha-3"]);
  });

  it("filters by function, statuses, name prefix and start time", async () => {
    await seed();
    expect(await names("?FunctionName=echo")).toEqual(["alpha-2", "alpha-1"]);
    expect(await names("", "/functions/approval/durable-executions")).toEqual([
      "alpha-3",
      "beta-1",
    ]);
    expect(await names("?Statuses=RUNNING")).toEqual(["alpha-3", "beta-1"]);
    expect(await names("?Statuses=RUNNING&Statuses=SUCCEEDED")).toHaveLength(4);
    expect(await names("?Statuses=FAILED,STOPPED")).toEqual([]);
    expect(await names("?DurableExecutionNamePrefix=alpha")).toEqual([
      "alpha-3",
      "alpha-2",
      "alpha-1",
    ]);
    const after = new Date(testEpoch + 1000).toISOString();
    const before = new Date(testEpoch + 3000).toISOString();
    expect(await names(`?StartedAfter=${after}&StartedBefore=${before}`)).toEqual([
      "alpha-2",
      "beta-1",
    ]);
    expect(
      await names(
        "?Statuses=SUCCEEDED&DurableExecutionNamePrefix=alpha-2",
        "/functions/echo/durable-executions",
      ),
    ).toEqual(["alpha-2"]);
  });

  it("pages with MaxItems and NextMarker until no marker is left", async () => {
    await seed();
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const query = `?MaxItems=3${marker === undefined ? "" : `&Marker=${encodeURIComponent(marker)}`}`;
      const { body } = await api.json(`/durable-executions${query}`);
      seen.push(
        ...(body.DurableExecutions as { DurableExecutionName: string }[]).map(
          (e) => e.DurableExecutionName,
        ),
      );
      marker = body.NextMarker as string | undefined;
      pages++;
    } while (marker !== undefined);
    expect(pages).toBe(2);
    expect(seen).toEqual(["alpha-3", "alpha-2", "beta-1", "alpha-1"]);
  });

  it("lists items without payloads", async () => {
    await seed();
    const { body } = await api.json("/durable-executions?MaxItems=1");
    expect(Object.keys(body.DurableExecutions[0]).sort()).toEqual([
      "DurableExecutionArn",
      "DurableExecutionName",
      "FunctionArn",
      "FunctionName",
      "StartTimestamp",
      "Status",
    ]);
  });
});

describe("POST /durable-executions/{DurableExecutionArn}/stop", () => {
  async function running(): Promise<string> {
    const { body } = await api.json("/functions/approval/durable-executions", jsonBody({}));
    await api.engine.whenIdle();
    return body.DurableExecutionArn as string;
  }

  it("stops a running execution with the given error", async () => {
    const arn = await running();
    const error = { ErrorType: "Cancelled", ErrorMessage: "customer cancelled" };
    const stopped = await api.json(executionUrl(arn, "/stop"), jsonBody(error));
    expect(stopped).toMatchObject({
      status: 200,
      body: { StopTimestamp: new Date(testEpoch).toISOString() },
    });
    const read = await api.json(executionUrl(arn));
    expect(read.body).toMatchObject({ Status: "STOPPED", Error: error });
  });

  it("stops without a body, recording no error", async () => {
    const arn = await running();
    expect((await api.call(executionUrl(arn, "/stop"), { method: "POST" })).status).toBe(200);
    const read = await api.json(executionUrl(arn));
    expect(read.body.Status).toBe("STOPPED");
    expect(read.body).not.toHaveProperty("Error");
  });

  it("answers 409 EXECUTION_CLOSED for a finished execution, 404 for an unknown one", async () => {
    const arn = await running();
    await api.call(executionUrl(arn, "/stop"), { method: "POST" });
    const again = await api.json(executionUrl(arn, "/stop"), { method: "POST" });
    expect(again).toMatchObject({ status: 409, body: { code: "EXECUTION_CLOSED" } });
    const unknown = await api.json(executionUrl("arn:nope", "/stop"), { method: "POST" });
    expect(unknown).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });
});
