import { describe, expect, test } from "vitest";
import { PromiseCombinatorError, retryPresets } from "../../index.ts";
import { FakeDurableService } from "../../internal/testing/fake-durable-service.ts";
import { durableHandler } from "../../internal/testing/test-handler.ts";
import { hashOperationId } from "../../replay/operation-id.ts";

describe("context.promise", () => {
  test("all: lazy until awaited, then one CONTEXT operation allocated at await time", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const a = ctx.step(async () => 1);
      const b = ctx.step(async () => 2);
      const combined = ctx.promise.all("both", [a, b]);
      const c = await ctx.step(async () => 3);
      const values = await combined;
      return [...values, c];
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "[1,2,3]" });
    const context = service.updates.filter((u) => u.Type === "CONTEXT");
    expect(context.map((u) => [u.Id, u.Name, u.SubType, u.Action, u.Payload])).toEqual([
      [hashOperationId("4"), "both", "RunInChildContext", "START", undefined],
      [hashOperationId("4"), "both", "RunInChildContext", "SUCCEED", "[1,2]"],
    ]);
  });

  test("any with every promise rejected fails with PromiseCombinatorError", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const fail = () =>
        ctx.step(async () => Promise.reject(new Error("no")), {
          retryStrategy: retryPresets.noRetry,
        });
      return ctx.promise
        .any([fail(), fail()])
        .catch((error: unknown) => [
          error instanceof PromiseCombinatorError,
          (error as Error).message,
        ]);
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: '[true,"All promises were rejected"]',
    });
  });

  test("race and allSettled; rejection reasons come back as Errors", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      const ok = ctx.step(async () => "ok");
      const bad = ctx.step(async () => Promise.reject(new TypeError("bad")), {
        retryStrategy: retryPresets.noRetry,
      });
      const settled = await ctx.promise.allSettled([ok, bad]);
      const first = await ctx.promise.race([ok]);
      const reason = settled[1]?.status === "rejected" ? (settled[1].reason as Error) : undefined;
      return [settled[0], reason instanceof Error, reason?.name, reason?.message, first];
    });
    expect((await service.run(handler)).output).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        { status: "fulfilled", value: "ok" },
        true,
        "StepError",
        "bad",
        "ok",
      ]),
    });
  });
});
