/**
 * An execution's operations and history over real HTTP, paged both ways.
 */
import type { Event } from "@durably/sdk/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import { executionUrl, jsonBody, startApi } from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
let arn: string;
beforeEach(async () => {
  api = await startApi();
  const { body } = await api.json(
    "/functions/greeter/durable-executions?wait=30s",
    jsonBody({ Input: { name: "Ada" } }),
  );
  arn = body.DurableExecutionArn as string;
});
afterEach(async () => {
  await api.close();
});

/** Follows NextMarker from `first` to the end, returning every item. */
async function walk<T>(
  path: string,
  key: string,
  query: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const suffix = marker === undefined ? "" : `&Marker=${encodeURIComponent(marker)}`;
    const { status, body } = await api.json(`${path}?${query}${suffix}`);
    expect(status).toBe(200);
    items.push(...(body[key] as T[]));
    marker = body.NextMarker as string | undefined;
    pages++;
  } while (marker !== undefined);
  return { items, pages };
}

describe("GET /durable-executions/{DurableExecutionArn}/operations", () => {
  it("returns the operations in creation order, the EXECUTION operation first", async () => {
    const { status, body } = await api.json(executionUrl(arn, "/operations"));
    expect(status).toBe(200);
    expect(body).not.toHaveProperty("NextMarker");
    const ops = body.Operations as { Type: string; Name?: string; Status: string }[];
    expect(ops.map((o) => [o.Type, o.Name, o.Status])).toEqual([
      ["EXECUTION", undefined, "SUCCEEDED"],
      ["STEP", "greet", "SUCCEEDED"],
      ["WAIT", undefined, "SUCCEEDED"],
      ["STEP", "shout", "SUCCEEDED"],
    ]);
    expect(body.Operations[2].WaitDetails.ScheduledEndTimestamp).toBe("2025-01-04T00:00:00.000Z");
  });

  it("pages with MaxItems and Marker", async () => {
    const whole = await api.json(executionUrl(arn, "/operations"));
    const paged = await walk(executionUrl(arn, "/operations"), "Operations", "MaxItems=3");
    expect(paged.pages).toBe(2);
    expect(paged.items).toEqual(whole.body.Operations);
  });

  it("answers 404 for an unknown execution", async () => {
    const { status, body } = await api.json(executionUrl("arn:none", "/operations"));
    expect([status, body.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("GET /durable-executions/{DurableExecutionArn}/history", () => {
  it("returns the official events in EventId order", async () => {
    const { body } = await api.json(executionUrl(arn, "/history"));
    const events = body.Events as Event[];
    expect(events.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "StepSucceeded",
      "WaitStarted",
      "InvocationCompleted",
      "WaitSucceeded",
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.EventId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events[0]).toMatchObject({
      ExecutionStartedDetails: { Input: { Payload: '{"name":"Ada"}' } },
    });
  });

  it("pages forward and, with ReverseOrder, backward", async () => {
    const all = (await api.json(executionUrl(arn, "/history"))).body.Events as Event[];
    const forward = await walk<Event>(executionUrl(arn, "/history"), "Events", "MaxItems=4");
    expect(forward.pages).toBe(3);
    expect(forward.items).toEqual(all);
    const backward = await walk<Event>(
      executionUrl(arn, "/history"),
      "Events",
      "MaxItems=4&ReverseOrder=true",
    );
    expect(backward.pages).toBe(3);
    expect(backward.items).toEqual([...all].reverse());
  });

  it("leaves payloads out with IncludeExecutionData=false", async () => {
    const { body } = await api.json(executionUrl(arn, "/history?IncludeExecutionData=false"));
    const text = JSON.stringify(body.Events);
    expect(text).not.toContain("Ada");
    expect(text).not.toContain("HELLO");
    expect(body.Events).toHaveLength(10);
  });

  it("refuses a marker issued for the other order or the other listing", async () => {
    const forward = await api.json(executionUrl(arn, "/history?MaxItems=2"));
    const marker = encodeURIComponent(forward.body.NextMarker as string);
    const reversed = await api.json(
      executionUrl(arn, `/history?ReverseOrder=true&Marker=${marker}`),
    );
    expect([reversed.status, reversed.body.code]).toEqual([400, "VALIDATION_FAILED"]);
    const ops = await api.json(executionUrl(arn, "/operations?MaxItems=1"));
    const opsMarker = encodeURIComponent(ops.body.NextMarker as string);
    const mixed = await api.json(executionUrl(arn, `/history?Marker=${opsMarker}`));
    expect([mixed.status, mixed.body.code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
