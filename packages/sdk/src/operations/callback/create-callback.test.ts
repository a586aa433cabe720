import { describe, expect, test } from "vitest";
import { CallbackError, CallbackExternalError, CallbackTimeoutError } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

const callback = hashOperationId("1");

describe("createCallback", () => {
  test("resolves [promise, id] once the callback exists; the promise yields the raw string", async () => {
    const service = new FakeDurableService();
    const ids: string[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      const [promise, callbackId] = await ctx.createCallback("approval", {
        timeout: { minutes: 5 },
        heartbeatTimeout: { seconds: 30 },
      });
      ids.push(callbackId);
      return promise;
    });
    const { output, invocations } = await service.run(handler, {
      onPending: (fake) => {
        fake.complete(callback, { status: "SUCCEEDED", result: '{"approved":true}' });
        return true;
      },
    });
    expect(invocations[0]).toEqual({ Status: "PENDING" });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify('{"approved":true}') });
    expect(ids).toEqual([service.callbackId(callback), service.callbackId(callback)]);
    expect(service.updates).toEqual([
      {
        Id: callback,
        Name: "approval",
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 300, HeartbeatTimeoutSeconds: 30 },
      },
    ]);
  });

  test("uses the configured deserializer, or the context's default callback deserializer", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const [own] = await ctx.createCallback<number>({
        serdes: { deserialize: async (data) => Number(data) * 2 },
      });
      ctx.configureSerdes({
        defaultCallbackDeserializer: { deserialize: async (data) => `<${data}>` },
      });
      const [inherited] = await ctx.createCallback();
      return [await own, await inherited];
    });
    const { output } = await service.run(handler, {
      onPending: (fake) => {
        for (const id of [hashOperationId("1"), hashOperationId("2")]) {
          if (fake.operation(id)?.Status === "STARTED")
            fake.complete(id, { status: "SUCCEEDED", result: "21" });
        }
        return true;
      },
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '[42,"<21>"]' });
  });

  test("failure → CallbackExternalError, timeout → CallbackTimeoutError, with the cause rebuilt", async () => {
    for (const [status, Expected, message] of [
      ["FAILED", CallbackExternalError, "rejected by human"],
      ["TIMED_OUT", CallbackTimeoutError, "Callback timed out"],
    ] as const) {
      const service = new FakeDurableService();
      const handler = durableHandler(async (_event, ctx) => {
        const [promise] = await ctx.createCallback();
        try {
          await promise;
        } catch (error) {
          const e = error as CallbackError;
          return [
            e instanceof Expected,
            e instanceof CallbackError,
            e.message,
            e.errorData,
            e.cause?.name,
            e.cause?.message,
          ];
        }
      });
      const { output } = await service.run(handler, {
        onPending: (fake) => {
          fake.complete(callback, {
            status,
            error: { ErrorMessage: message, ErrorType: "Rejection", ErrorData: "x" },
          });
          return true;
        },
      });
      expect(output).toEqual({
        Status: "SUCCEEDED",
        Result: JSON.stringify([true, true, message, "x", "Rejection", message]),
      });
    }
  });

  test("default messages when the service gives none", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: callback,
      Type: "CALLBACK",
      SubType: "Callback",
      Status: "TIMED_OUT",
      CallbackDetails: { CallbackId: "cb" },
    });
    const handler = durableHandler(async (_event, ctx) => {
      const [promise] = await ctx.createCallback();
      return promise.catch((error: Error) => error.message);
    });
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '"Callback timed out"',
    });
  });

  test("an un-awaited callback promise still suspends an idle handler; awaited callbacks too", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.createCallback();
      await new Promise(() => {});
    });
    expect(await service.invoke(handler)).toEqual({ Status: "PENDING" });
  });

  test("a record without callback id rejects with CallbackError", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: callback,
      Type: "CALLBACK",
      SubType: "Callback",
      Name: "cb",
      Status: "STARTED",
    });
    const handler = durableHandler(async (_event, ctx) =>
      ctx.createCallback("cb").catch((error: Error) => [error.name, error.message]),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["CallbackError", 'No callback ID found for callback "cb" (1)']),
    });
  });
});
