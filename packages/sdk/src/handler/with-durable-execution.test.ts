import { describe, expect, test } from "vitest";
import {
  DurableExecutionClientError,
  DurableExecutionInvocationInputWithClient,
  NonDeterministicExecutionError,
  withDurableExecution,
  type DurableExecutionClient,
  type DurableExecutionInvocationInput,
  type Serdes,
} from "../index.ts";
import { FakeDurableService } from "../internal/testing/fake-durable-service.ts";
import { fakeLambdaContext } from "../internal/testing/fake-lambda-context.ts";
import { durableHandler } from "../internal/testing/test-handler.ts";
import { hashOperationId } from "../replay/operation-id.ts";

const UNEXPECTED =
  "Unexpected payload provided to start the durable execution.\nCheck your resource configurations to confirm the durability is set.";

describe("withDurableExecution", () => {
  test("throws for an event without ARN or token", async () => {
    const handler = withDurableExecution(async () => "never");
    const lambdaContext = fakeLambdaContext();
    await expect(handler({} as DurableExecutionInvocationInput, lambdaContext)).rejects.toThrow(
      UNEXPECTED,
    );
    await expect(
      handler(
        {
          DurableExecutionArn: "arn",
          InitialExecutionState: {},
        } as DurableExecutionInvocationInput,
        lambdaContext,
      ),
    ).rejects.toThrow(UNEXPECTED);
    await expect(
      handler(null as unknown as DurableExecutionInvocationInput, lambdaContext),
    ).rejects.toThrow(UNEXPECTED);
  });

  test("gives the handler the parsed input, or {} when there is none", async () => {
    const inputs: unknown[] = [];
    const handler = durableHandler(async (event) => {
      inputs.push(event);
    });
    await new FakeDurableService({ input: { order: 7 } }).run(handler);
    await new FakeDurableService().run(handler);
    expect(inputs).toEqual([{ order: 7 }, {}]);
  });

  test("an undefined result gives SUCCEEDED without Result", async () => {
    const handler = durableHandler(async () => undefined);
    expect((await new FakeDurableService().run(handler)).output).toEqual({ Status: "SUCCEEDED" });
  });

  test("a thrown error gives FAILED with its name as ErrorType", async () => {
    const handler = durableHandler(async () => {
      throw new RangeError("out of range");
    });
    expect((await new FakeDurableService().run(handler)).output).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "RangeError", ErrorMessage: "out of range" },
    });
  });

  test("a result that cannot be serialised fails the execution", async () => {
    const handler = durableHandler(async () => ({ big: 1n }));
    const { output } = await new FakeDurableService().run(handler);
    expect(output).toMatchObject({ Status: "FAILED", Error: { ErrorType: "TypeError" } });
  });

  test("pages the initial state through getExecutionState while NextMarker is set", async () => {
    const service = new FakeDurableService({ pageSize: 2 });
    const handler = durableHandler(async (_event, ctx) => {
      for (let i = 0; i < 5; i++) await ctx.step(async () => i);
      await ctx.wait({ seconds: 1 });
      return "done";
    });
    const { output } = await service.run(handler);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    // 7 operations, pages of 2: the event carries 2, then 3 more pages.
    expect(service.stateRequests.map((request) => [request.Marker, request.MaxItems])).toEqual([
      ["2", 1000],
      ["4", 1000],
      ["6", 1000],
    ]);
  });

  test("replays from paged state without re-running steps", async () => {
    const service = new FakeDurableService({ pageSize: 1 });
    let runs = 0;
    const handler = durableHandler(async (_event, ctx) => {
      const a = await ctx.step(async () => ++runs);
      await ctx.wait({ seconds: 1 });
      return a;
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(runs).toBe(1);
  });

  test("normalises ISO-string timestamps from the event", async () => {
    const service = new FakeDurableService({ plainEvents: true });
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "WAIT",
      SubType: "Wait",
      Status: "STARTED",
    });
    const event = service.nextEvent();
    const wait = event.InitialExecutionState.Operations?.[1];
    if (wait !== undefined)
      wait.WaitDetails = { ScheduledEndTimestamp: "2030-01-01T00:00:00.000Z" };
    const handler = durableHandler(
      async (_event, ctx) => ctx.wait({ seconds: 1 }),
      {},
      { durableExecutionClient: service },
    );
    expect(await handler(event, fakeLambdaContext())).toEqual({ Status: "PENDING" });
  });

  test("uses config.durableExecutionClient for plain events", async () => {
    const service = new FakeDurableService({ plainEvents: true });
    const handler = durableHandler(
      async (_event, ctx) => ctx.step(async () => 1),
      {},
      { durableExecutionClient: service },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(service.requests).toHaveLength(1);
  });

  test("the event's own client wins over the configured one", async () => {
    const service = new FakeDurableService();
    const unused: DurableExecutionClient = {
      checkpoint: () => Promise.reject(new Error("should not be used")),
      getExecutionState: () => Promise.reject(new Error("should not be used")),
    };
    const handler = durableHandler(
      async (_event, ctx) => ctx.step(async () => 1),
      {},
      { durableExecutionClient: unused },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "1" });
  });

  test("recognises a look-alike event class by tag and constructor name", async () => {
    const service = new FakeDurableService({ plainEvents: true });
    // The shape Durably's engine passes: its own class with the same name and tag.
    class DurableExecutionInvocationInputWithClientLookAlike {
      readonly durableExecutionClient: DurableExecutionClient;
      constructor(
        params: DurableExecutionInvocationInput,
        durableExecutionClient: DurableExecutionClient,
      ) {
        Object.assign(this, params);
        this.durableExecutionClient = durableExecutionClient;
      }
      get [Symbol.toStringTag](): string {
        return "DurableExecutionInvocationInputWithClient";
      }
    }
    Object.defineProperty(DurableExecutionInvocationInputWithClientLookAlike, "name", {
      value: "DurableExecutionInvocationInputWithClient",
    });
    const event = new DurableExecutionInvocationInputWithClientLookAlike(
      service.nextEvent(),
      service,
    );
    expect(DurableExecutionInvocationInputWithClient.isInstance(event)).toBe(true);
    expect(DurableExecutionInvocationInputWithClient.isInstance(Object.assign({}, event))).toBe(
      false,
    );
    const handler = durableHandler(async (_event, ctx) => ctx.step(async () => 1));
    const output = await handler(
      event as unknown as DurableExecutionInvocationInput,
      fakeLambdaContext(),
    );
    expect(output).toEqual({ Status: "SUCCEEDED", Result: "1" });
  });

  test("client together with durableExecutionClient fails before the handler runs", async () => {
    const service = new FakeDurableService();
    let ran = false;
    const handler = durableHandler(
      async () => {
        ran = true;
      },
      {},
      { client: {}, durableExecutionClient: service },
    );
    const output = await service.invoke(handler);
    expect(output).toMatchObject({ Status: "FAILED", Error: { ErrorType: "Error" } });
    expect(ran).toBe(false);
  });

  test("an invalid pluginsConfig.childOperationsDepth fails the invocation", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(
      async () => 1,
      {},
      { pluginsConfig: { childOperationsDepth: -1 } },
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          "pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity; got -1.",
      },
    });
  });

  test("a result over 6 MiB − 50 B is checkpointed on the EXECUTION operation and Result is empty", async () => {
    const service = new FakeDurableService();
    const big = "x".repeat(6 * 1024 * 1024);
    const handler = durableHandler(async () => big);
    expect(await service.invoke(handler)).toEqual({ Status: "SUCCEEDED", Result: "" });
    const last = service.updates.at(-1);
    expect(last).toMatchObject({
      Type: "EXECUTION",
      Action: "SUCCEED",
      Payload: JSON.stringify(big),
    });
    expect(last?.Id).toMatch(/^[0-9a-f]{16}$/);
    expect(service.operation(service.executionId)?.Status).toBe("SUCCEEDED");
  });

  test("a result just under the limit is returned inline", async () => {
    const service = new FakeDurableService();
    const value = "y".repeat(6 * 1024 * 1024 - 52);
    const handler = durableHandler(async () => value);
    const output = await service.invoke(handler);
    expect(output.Status === "SUCCEEDED" && output.Result?.length).toBe(6 * 1024 * 1024 - 50);
    expect(service.requests).toHaveLength(0);
  });

  test("a failed checkpoint is thrown out of the Lambda handler with its scope", async () => {
    const service = new FakeDurableService();
    service.failNextCheckpoint(
      Object.assign(new Error("slow down"), {
        name: "TooManyRequestsException",
        $metadata: { httpStatusCode: 429 },
      }),
    );
    const handler = durableHandler(async (_event, ctx) => ctx.step(async () => 1));
    await expect(service.invoke(handler)).rejects.toMatchObject({
      name: "CheckpointFailedError",
      message: "Checkpoint failed: slow down",
      scope: "INVOCATION",
    });
  });

  test("a stale token is an invocation-scoped checkpoint failure", async () => {
    const service = new FakeDurableService({ plainEvents: true });
    const handler = durableHandler(
      async (_event, ctx) => ctx.step(async () => 1),
      {},
      { durableExecutionClient: service },
    );
    const stale = service.nextEvent();
    service.nextEvent();
    await expect(handler(stale, fakeLambdaContext())).rejects.toMatchObject({
      scope: "INVOCATION",
    });
  });

  test("an execution-scoped client error while loading state fails the execution", async () => {
    const service = new FakeDurableService({ pageSize: 1 });
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
    });
    service.getExecutionState = () =>
      Promise.reject(new DurableExecutionClientError("gone", { scope: "EXECUTION" }));
    const handler = durableHandler(async () => 1);
    expect(await service.invoke(handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "DurableExecutionClientError", ErrorMessage: "gone" },
    });
  });

  test("KMS errors fail the execution; other load errors are rethrown", async () => {
    const service = new FakeDurableService({ pageSize: 1 });
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
    });
    const kms = Object.assign(new Error("key disabled"), { name: "KMSDisabledException" });
    service.getExecutionState = () => Promise.reject(kms);
    const handler = durableHandler(async () => 1);
    expect(await service.invoke(handler)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "KMSDisabledException" },
    });
    service.getExecutionState = () => Promise.reject(new Error("network"));
    await expect(service.invoke(handler)).rejects.toThrow("network");
  });

  test("a throwing serdes terminates the invocation with an unrecoverable error", async () => {
    const service = new FakeDurableService();
    const broken: Serdes<number> = {
      serialize: async () => {
        throw new Error("cannot write");
      },
      deserialize: async () => 0,
    };
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step("save", async () => 1, { serdes: broken }),
    );
    await expect(service.invoke(handler)).rejects.toThrow(
      '[Unrecoverable Invocation] Serialization failed for step "save" (1): cannot write',
    );
  });

  test("a throwing deserializer on replay terminates the invocation", async () => {
    const service = new FakeDurableService();
    service.putOperation({
      Id: hashOperationId("1"),
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StepDetails: { Result: "1" },
    });
    const broken: Serdes<number> = {
      serialize: async () => "1",
      deserialize: async () => {
        throw new Error("cannot read");
      },
    };
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(async () => 1, { serdes: broken }),
    );
    await expect(service.invoke(handler)).rejects.toThrow(
      '[Unrecoverable Invocation] Deserialization failed for step "undefined" (1): cannot read',
    );
  });

  test("a NonDeterministicExecutionError thrown in a step body fails the execution", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(async () => {
        throw new NonDeterministicExecutionError("inner");
      }),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError", ErrorMessage: "inner" },
    });
  });
});
