import { describe, expect, test } from "vitest";
import { InvokeError } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

describe("invoke", () => {
  test("START carries the serialised input and FunctionName; the result is deserialised", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.invoke("charge", "payments-fn", { amount: 5 }, { tenantId: "t1" }),
    );
    const { output, invocations } = await service.run(handler, {
      onPending: (fake) => {
        fake.complete(hashOperationId("1"), { status: "SUCCEEDED", result: '{"ok":true}' });
        return true;
      },
    });
    expect(invocations[0]).toEqual({ Status: "PENDING" });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '{"ok":true}' });
    expect(service.updates).toEqual([
      {
        Id: hashOperationId("1"),
        Name: "charge",
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Payload: '{"amount":5}',
        ChainedInvokeOptions: { FunctionName: "payments-fn", TenantId: "t1" },
      },
    ]);
  });

  test("the unnamed form; a string input in second position selects the named form (official quirk)", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      void ctx.invoke("fn-a");
      void ctx.invoke("fn-b", "text-input");
      await new Promise((resolve) => setImmediate(resolve));
    });
    await service.invoke(handler);
    expect(
      service.updates.map((u) => [u.Name, u.ChainedInvokeOptions?.FunctionName, u.Payload]),
    ).toEqual([
      [undefined, "fn-a", undefined],
      ["fn-b", "text-input", undefined],
    ]);
  });

  test.each(["FAILED", "TIMED_OUT", "STOPPED"] as const)(
    "a %s target throws InvokeError with its message and data",
    async (status) => {
      const service = new FakeDurableService();
      const handler = durableHandler(async (_event, ctx) => {
        try {
          await ctx.invoke("fn", {});
        } catch (error) {
          return [
            error instanceof InvokeError,
            (error as InvokeError).message,
            (error as InvokeError).errorData,
            (error as InvokeError).cause?.message,
          ];
        }
      });
      const { output } = await service.run(handler, {
        onPending: (fake) => {
          fake.complete(hashOperationId("1"), {
            status,
            error: { ErrorMessage: "target broke", ErrorData: "d" },
          });
          return true;
        },
      });
      expect(output).toEqual({
        Status: "SUCCEEDED",
        Result: JSON.stringify([true, "target broke", "d", "target broke"]),
      });
    },
  );

  test("a failure without message is 'Invoke failed' without cause", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "CHAINED_INVOKE",
      SubType: "ChainedInvoke",
      Status: "FAILED",
    });
    const handler = durableHandler(async (_event, ctx) =>
      ctx.invoke("fn", {}).catch((error: InvokeError) => [error.message, error.cause ?? null]),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '["Invoke failed",null]',
    });
  });
});
