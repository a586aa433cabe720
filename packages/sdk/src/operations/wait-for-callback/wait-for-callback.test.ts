import { describe, expect, test } from "vitest";
import { CallbackSubmitterError, CallbackTimeoutError, retryPresets } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const id = hashOperationId;

describe("waitForCallback", () => {
  test("a WaitForCallback context with an unnamed callback and submitter step; returns the raw string", async () => {
    const service = new FakeDurableService();
    const submitted: string[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.waitForCallback(
        "approval",
        async (callbackId) => {
          submitted.push(callbackId);
        },
        { timeout: { hours: 1 } },
      ),
    );
    const { output } = await service.run(handler, {
      onPending: (fake) => {
        fake.complete(id("1-1"), { status: "SUCCEEDED", result: "yes" });
        return true;
      },
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"yes"' });
    expect(submitted).toEqual([service.callbackId(id("1-1"))]);
    expect(
      service.updates.map((u) => [
        u.Id,
        u.ParentId,
        u.Type,
        u.SubType,
        u.Name,
        u.Action,
        u.Payload,
      ]),
    ).toEqual([
      [id("1"), undefined, "CONTEXT", "WaitForCallback", "approval", "START", undefined],
      [id("1-1"), id("1"), "CALLBACK", "Callback", undefined, "START", undefined],
      [id("1-2"), id("1"), "STEP", "Step", undefined, "START", undefined],
      [id("1-2"), id("1"), "STEP", "Step", undefined, "SUCCEED", undefined],
      [id("1"), undefined, "CONTEXT", "WaitForCallback", "approval", "SUCCEED", "yes"],
    ]);
    expect(service.updates[1]?.CallbackOptions).toEqual({ TimeoutSeconds: 3600 });
  });

  test("deserialises with config.serdes (entity id = the context's step id); the stored payload stays raw", async () => {
    const service = new FakeDurableService();
    const entities: string[] = [];
    const handler = durableHandler(async (_event, ctx) =>
      ctx.waitForCallback<{ n: number }>(async () => {}, {
        serdes: {
          deserialize: async (data, context) => {
            entities.push(context.entityId);
            return JSON.parse(data ?? "null");
          },
        },
      }),
    );
    const { output } = await service.run(handler, {
      onPending: (fake) => {
        fake.complete(id("1-1"), { status: "SUCCEEDED", result: '{"n":1}' });
        return true;
      },
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '{"n":1}' });
    expect(entities).toEqual(["1"]);
    expect(service.updates.at(-1)).toMatchObject({
      Type: "CONTEXT",
      Action: "SUCCEED",
      Payload: '{"n":1}',
    });
  });

  test("a timed-out callback surfaces as CallbackTimeoutError", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx
        .waitForCallback(async () => {})
        .catch((error: unknown) => [
          error instanceof CallbackTimeoutError,
          (error as Error).message,
        ]),
    );
    const { output } = await service.run(handler, {
      onPending: (fake) => {
        fake.complete(id("1-1"), {
          status: "TIMED_OUT",
          error: { ErrorMessage: "Callback timed out" },
        });
        return true;
      },
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '[true,"Callback timed out"]' });
  });

  test("an exhausted submitter surfaces as CallbackSubmitterError", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx
        .waitForCallback(
          async () => {
            throw new Error("queue down");
          },
          { retryStrategy: retryPresets.noRetry },
        )
        .catch((error: unknown) => [
          error instanceof CallbackSubmitterError,
          (error as Error).message,
        ]),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '[true,"queue down"]',
    });
  });

  test("argument errors reject the returned promise", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const call = ctx.waitForCallback.bind(ctx) as unknown as (
        ...args: unknown[]
      ) => Promise<unknown>;
      return Promise.all([
        call("name", "not a function").catch((error: Error) => error.message),
        call(42).catch((error: Error) => error.message),
      ]);
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        "waitForCallback requires a submitter function when name is provided",
        "waitForCallback requires a submitter function",
      ]),
    });
  });
});
