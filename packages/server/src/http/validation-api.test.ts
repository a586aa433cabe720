/**
 * Every way a request can be malformed, over real HTTP: each gets the status of the code table as
 * problem+json, and nothing stored changes (no execution started, stopped or advanced).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import { executionUrl, jsonBody, startApi } from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
let arn: string;
let snapshot: string;

/** Everything the API can observe, to compare before and after a refused request. */
async function state(): Promise<string> {
  const executions = await api.engine.listExecutions({ limit: 1000 });
  const histories = await Promise.all(
    executions.items.map((e) => api.engine.getHistory(e.executionId)),
  );
  return JSON.stringify({ executions, histories });
}

beforeAll(async () => {
  api = await startApi({
    limits: { maxStartBodyBytes: 1024, maxErrorBodyBytes: 256, maxSyncWaitMs: 60_000 },
  });
  const { body } = await api.json(
    "/functions/approval/durable-executions",
    jsonBody({ DurableExecutionName: "kept" }),
  );
  arn = body.DurableExecutionArn as string;
  await api.engine.whenIdle();
  snapshot = await state();
});
afterAll(async () => {
  await api.close();
});

const start = "/functions/echo/durable-executions";
const post = (body: string, contentType: string | null = "application/json"): RequestInit => ({
  method: "POST",
  body,
  headers: contentType === null ? {} : { "content-type": contentType },
});

interface Case {
  name: string;
  path: string | (() => string);
  init?: RequestInit;
  status: number;
  code: string;
  detail?: RegExp;
}

const cases: Case[] = [
  // Start: body.
  {
    name: "start with malformed JSON",
    path: start,
    init: post('{"Input":'),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Malformed JSON/,
  },
  {
    name: "start with a text/plain body",
    path: start,
    init: post('{"Input":1}', "text/plain"),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "start with a body but no Content-Type",
    path: start,
    init: post('{"Input":1}', null),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "start with an unknown member",
    path: start,
    init: jsonBody({ DurableExecutionname: "typo" }),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /DurableExecutionname/,
  },
  {
    name: "start with a numeric name",
    path: start,
    init: jsonBody({ DurableExecutionName: 42 }),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /DurableExecutionName/,
  },
  {
    name: "start with a name with spaces",
    path: start,
    init: jsonBody({ DurableExecutionName: "a b" }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a 65-character name",
    path: start,
    init: jsonBody({ DurableExecutionName: "x".repeat(65) }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a zero timeout",
    path: start,
    init: jsonBody({ ExecutionTimeout: 0 }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a fractional timeout",
    path: start,
    init: jsonBody({ ExecutionTimeout: 1.5 }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a timeout over a year",
    path: start,
    init: jsonBody({ ExecutionTimeout: 31_622_401 }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a string timeout",
    path: start,
    init: jsonBody({ ExecutionTimeout: "60" }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with Input and InputPayload",
    path: start,
    init: jsonBody({ Input: 1, InputPayload: "1" }),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /not both/,
  },
  {
    name: "start with an InputPayload that is not JSON",
    path: start,
    init: jsonBody({ InputPayload: "{nope" }),
    status: 400,
    code: "INVALID_ARGUMENT",
    detail: /JSON/,
  },
  {
    name: "start with a JSON array body",
    path: start,
    init: jsonBody([1]),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "start with a body over the limit",
    path: start,
    init: jsonBody({ Input: "x".repeat(2000) }),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "start of an unknown function",
    path: "/functions/nope/durable-executions",
    init: jsonBody({}),
    status: 404,
    code: "NOT_FOUND",
    detail: /nope/,
  },
  // Start: query.
  {
    name: "start with a wait without unit",
    path: `${start}?wait=30`,
    init: jsonBody({}),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /wait/,
  },
  {
    name: "start with a wait over the limit",
    path: `${start}?wait=2m`,
    init: jsonBody({}),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /60000 ms/,
  },
  {
    name: "start with an unknown query parameter",
    path: `${start}?Wait=1s`,
    init: jsonBody({}),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Wait/,
  },
  // List.
  {
    name: "list with MaxItems 0",
    path: "/durable-executions?MaxItems=0",
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /MaxItems/,
  },
  {
    name: "list with MaxItems 1001",
    path: "/durable-executions?MaxItems=1001",
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /MaxItems/,
  },
  {
    name: "list with MaxItems abc",
    path: "/durable-executions?MaxItems=abc",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "list with MaxItems 1.5",
    path: "/durable-executions?MaxItems=1.5",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "list with an unknown status",
    path: "/durable-executions?Statuses=RUNNING,DONE",
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Statuses/,
  },
  {
    name: "list with a date that is no date",
    path: "/durable-executions?StartedAfter=yesterday",
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /StartedAfter/,
  },
  {
    name: "list with ReverseOrder=yes",
    path: "/durable-executions?ReverseOrder=yes",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "list with a forged marker",
    path: "/durable-executions?Marker=forged",
    status: 400,
    code: "INVALID_ARGUMENT",
    detail: /Cursor/,
  },
  {
    name: "list with a misspelt filter",
    path: "/durable-executions?Status=RUNNING",
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Status/,
  },
  {
    name: "list of one function with FunctionName in the query too",
    path: "/functions/echo/durable-executions?FunctionName=x",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  // Journal.
  {
    name: "history with MaxItems 1001",
    path: () => executionUrl(arn, "/history?MaxItems=1001"),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "history with a forged marker",
    path: () => executionUrl(arn, "/history?Marker=forged"),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Marker/,
  },
  {
    name: "operations with MaxItems 0",
    path: () => executionUrl(arn, "/operations?MaxItems=0"),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "operations with a marker past the end",
    path: () =>
      executionUrl(arn, `/operations?Marker=${Buffer.from('[1,"o",99]').toString("base64url")}`),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /past the last/,
  },
  // Stop.
  {
    name: "stop with an unknown error member",
    path: () => executionUrl(arn, "/stop"),
    init: jsonBody({ Error: { ErrorMessage: "x" } }),
    status: 400,
    code: "VALIDATION_FAILED",
    detail: /Error/,
  },
  {
    name: "stop with an array body",
    path: () => executionUrl(arn, "/stop"),
    init: jsonBody([]),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "stop with a numeric message",
    path: () => executionUrl(arn, "/stop"),
    init: jsonBody({ ErrorMessage: 1 }),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "stop with an error over the limit",
    path: () => executionUrl(arn, "/stop"),
    init: jsonBody({ ErrorMessage: "x".repeat(300) }),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "stop with a text body",
    path: () => executionUrl(arn, "/stop"),
    init: post("stop", "text/plain"),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
  },
  {
    name: "stop of an unknown execution",
    path: executionUrl("arn:none", "/stop"),
    init: { method: "POST" },
    status: 404,
    code: "NOT_FOUND",
  },
  // Callbacks.
  {
    name: "fail with an error over the limit",
    path: "/durable-execution-callbacks/AAAA/fail",
    init: jsonBody({ ErrorData: "x".repeat(300) }),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "succeed with a callback id over 1024 characters",
    path: `/durable-execution-callbacks/${"A".repeat(1025)}/succeed`,
    init: { method: "POST" },
    status: 400,
    code: "VALIDATION_FAILED",
  },
  // Routing.
  { name: "an unknown route", path: "/durable-executions-typo", status: 404, code: "NOT_FOUND" },
  {
    name: "a known path with another method",
    path: "/durable-executions",
    init: { method: "DELETE" },
    status: 404,
    code: "NOT_FOUND",
  },
];

describe("refused requests", () => {
  it.each(cases)(
    "$name: $status $code, nothing changed",
    async ({ path, init, status, code, detail }) => {
      const response = await api.call(typeof path === "string" ? path : path(), init);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as { code: string; status: number; detail: string };
      expect(problem).toMatchObject({ code, status });
      expect(problem.detail).toMatch(detail ?? /./);
      await api.engine.whenIdle();
      expect(await state()).toBe(snapshot);
    },
  );

  it("lists every issue with its location and path", async () => {
    const response = await api.json(
      start,
      jsonBody({ DurableExecutionName: 1, ExecutionTimeout: "x", Extra: true }),
    );
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: "body", path: "DurableExecutionName" }),
        expect.objectContaining({ location: "body", path: "ExecutionTimeout" }),
        expect.objectContaining({ location: "body", message: expect.stringContaining("Extra") }),
      ]),
    );
  });
});
