/**
 * Completing a `waitForCallback` from outside, over real HTTP, with a callbacks-only token.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiFixture } from "./internal/testing/api-fixture.ts";
import {
  callbacksToken,
  executionUrl,
  jsonBody,
  startApi,
  testEpoch,
} from "./internal/testing/api-fixture.ts";

let api: ApiFixture;
let arn: string;
let callbackId: string;
beforeEach(async () => {
  api = await startApi();
  const { body } = await api.json(
    "/functions/approval/durable-executions",
    jsonBody({ DurableExecutionName: "approve-1" }),
  );
  arn = body.DurableExecutionArn as string;
  await api.engine.whenIdle();
  // The callback id is read the way an operator would: from the execution's operations.
  const ops = await api.json(executionUrl(arn, "/operations"));
  const callback = (
    ops.body.Operations as { Type: string; CallbackDetails?: { CallbackId: string } }[]
  ).find((o) => o.Type === "CALLBACK");
  callbackId = callback?.CallbackDetails?.CallbackId ?? "";
});
afterEach(async () => {
  await api.close();
});

function callbackUrl(action: string, id = callbackId): string {
  return `/durable-execution-callbacks/${encodeURIComponent(id)}/${action}`;
}

async function eventTypes(): Promise<string[]> {
  const { body } = await api.json(executionUrl(arn, "/history"));
  return (body.Events as { EventType: string }[]).map((e) => e.EventType);
}

describe("callback routes", () => {
  it("address callbacks by ids that need percent-encoding", () => {
    expect(callbackId).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(callbackId).toMatch(/[+/]/);
  });

  it("succeed: the body becomes the callback's result and the execution completes", async () => {
    const sent = await api.json(callbackUrl("succeed"), {
      method: "POST",
      body: "approved by Ada",
      token: callbacksToken,
    });
    expect(sent).toMatchObject({ status: 200, body: {} });
    const done = await api.engine.waitForExecution(arn);
    expect(done).toMatchObject({ status: "SUCCEEDED", result: '"approved by Ada"' });
    expect(await eventTypes()).toContain("CallbackSucceeded");
  });

  it("succeed with an empty body records no result", async () => {
    await api.call(callbackUrl("succeed"), { method: "POST", token: callbacksToken });
    await api.engine.waitForExecution(arn);
    const { body } = await api.json(executionUrl(arn, "/history"));
    const succeeded = (
      body.Events as {
        EventType: string;
        CallbackSucceededDetails?: { Result?: { Payload?: string } };
      }[]
    ).find((e) => e.EventType === "CallbackSucceeded");
    expect(succeeded?.CallbackSucceededDetails?.Result?.Payload).toBeUndefined();
  });

  it("succeed accepts a result of exactly 262 144 bytes", async () => {
    const result = "é".repeat(131_072); // two bytes each
    const sent = await api.call(callbackUrl("succeed"), {
      method: "POST",
      body: result,
      token: callbacksToken,
    });
    expect(sent.status).toBe(200);
    expect((await api.engine.waitForExecution(arn)).status).toBe("SUCCEEDED");
  });

  it("fail: the error object fails the waiting execution", async () => {
    const error = {
      ErrorType: "Rejected",
      ErrorMessage: "budget exceeded",
      ErrorData: '{"limit":10}',
    };
    const sent = await api.json(callbackUrl("fail"), { ...jsonBody(error), token: callbacksToken });
    expect(sent).toMatchObject({ status: 200, body: {} });
    expect((await api.engine.waitForExecution(arn)).status).toBe("FAILED");
    const { body } = await api.json(executionUrl(arn, "/history"));
    const failed = (body.Events as { EventType: string; CallbackFailedDetails?: unknown }[]).find(
      (e) => e.EventType === "CallbackFailed",
    );
    expect(failed?.CallbackFailedDetails).toEqual({ Error: { Payload: error, Truncated: false } });
  });

  it("fail without a body records an empty error", async () => {
    const sent = await api.call(callbackUrl("fail"), { method: "POST", token: callbacksToken });
    expect(sent.status).toBe(200);
    expect((await api.engine.waitForExecution(arn)).status).toBe("FAILED");
  });

  it("heartbeat: keeps the callback alive past its heartbeat timeout, which then expires without one", async () => {
    api.clock.advanceTo(testEpoch + 4 * 60_000);
    await api.engine.whenIdle();
    const beat = await api.json(callbackUrl("heartbeat"), {
      method: "POST",
      token: callbacksToken,
    });
    expect(beat).toMatchObject({ status: 200, body: {} });
    // Eight minutes after the start, past the first 5-minute window but inside the restarted one.
    api.clock.advanceTo(testEpoch + 8 * 60_000);
    await api.engine.whenIdle();
    expect((await api.engine.getExecution(arn)).status).toBe("RUNNING");
    api.clock.advanceTo(testEpoch + 10 * 60_000);
    await api.engine.whenIdle();
    expect((await api.engine.getExecution(arn)).status).toBe("FAILED");
    expect(await eventTypes()).toContain("CallbackTimedOut");
  });

  it("answers 404 for an unknown callback and 409 once the execution has finished", async () => {
    const unknown = await api.json(callbackUrl("succeed", "AAAAAAAA"), {
      method: "POST",
      token: callbacksToken,
    });
    expect([unknown.status, unknown.body.code]).toEqual([404, "NOT_FOUND"]);
    await api.call(callbackUrl("succeed"), { method: "POST", body: "yes", token: callbacksToken });
    await api.engine.waitForExecution(arn);
    const late = await api.json(callbackUrl("fail"), { method: "POST", token: callbacksToken });
    expect([late.status, late.body.code]).toEqual([409, "EXECUTION_CLOSED"]);
    const beat = await api.json(callbackUrl("heartbeat"), {
      method: "POST",
      token: callbacksToken,
    });
    expect([beat.status, beat.body.code]).toEqual([409, "EXECUTION_CLOSED"]);
  });
});

describe("callback input that is refused changes nothing", () => {
  /** What a refused request answered, and whether the waiting execution stayed as it was. */
  async function refusal(request: Promise<Response>): Promise<Record<string, unknown>> {
    const before = await eventTypes();
    const response = await request;
    const problem = (await response.json()) as { status: number; code: string };
    await api.engine.whenIdle();
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      problem: { status: problem.status, code: problem.code },
      isHistoryUnchanged: JSON.stringify(await eventTypes()) === JSON.stringify(before),
      executionStatus: (await api.engine.getExecution(arn)).status,
    };
  }

  function refused(status: number, code: string): Record<string, unknown> {
    return {
      status,
      contentType: "application/problem+json",
      problem: { status, code },
      isHistoryUnchanged: true,
      executionStatus: "RUNNING",
    };
  }

  it("a result over 262 144 bytes (Content-Length): 413 PAYLOAD_TOO_LARGE", async () => {
    const body = "x".repeat(262_145);
    expect(
      await refusal(
        api.call(callbackUrl("succeed"), { method: "POST", body, token: callbacksToken }),
      ),
    ).toEqual(refused(413, "PAYLOAD_TOO_LARGE"));
  });

  it("a result over 262 144 bytes sent chunked: 413 PAYLOAD_TOO_LARGE", async () => {
    const chunk = new Uint8Array(65_536).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 5) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const request = api.call(callbackUrl("succeed"), {
      method: "POST",
      body: stream,
      token: callbacksToken,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(await refusal(request)).toEqual(refused(413, "PAYLOAD_TOO_LARGE"));
  });

  it("a result that is not UTF-8: 400 VALIDATION_FAILED", async () => {
    const body = new Uint8Array([0x68, 0xff, 0xfe]);
    expect(
      await refusal(
        api.call(callbackUrl("succeed"), { method: "POST", body, token: callbacksToken }),
      ),
    ).toEqual(refused(400, "VALIDATION_FAILED"));
  });

  it("an error with an unknown member: 400 VALIDATION_FAILED", async () => {
    const request = api.call(callbackUrl("fail"), {
      ...jsonBody({ message: "typo" }),
      token: callbacksToken,
    });
    expect(await refusal(request)).toEqual(refused(400, "VALIDATION_FAILED"));
  });

  it("an error of the wrong type: 400 VALIDATION_FAILED", async () => {
    const request = api.call(callbackUrl("fail"), {
      ...jsonBody({ StackTrace: "not a list" }),
      token: callbacksToken,
    });
    expect(await refusal(request)).toEqual(refused(400, "VALIDATION_FAILED"));
  });

  it("an error that is malformed JSON: 400 VALIDATION_FAILED", async () => {
    const request = api.call(callbackUrl("fail"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"ErrorType":',
      token: callbacksToken,
    });
    expect(await refusal(request)).toEqual(refused(400, "VALIDATION_FAILED"));
  });

  it("an error that is not JSON: 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const request = api.call(callbackUrl("fail"), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "rejected",
      token: callbacksToken,
    });
    expect(await refusal(request)).toEqual(refused(415, "UNSUPPORTED_MEDIA_TYPE"));
  });

  it("a malformed callback id: 400 VALIDATION_FAILED", async () => {
    const request = api.call("/durable-execution-callbacks/not%20base64!/succeed", {
      method: "POST",
      token: callbacksToken,
    });
    expect(await refusal(request)).toEqual(refused(400, "VALIDATION_FAILED"));
  });
});
