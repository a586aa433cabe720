import { describe, expect, test } from "vitest";
import type { DurableLogger, DurableLoggingContext, Serdes } from "../index.ts";
import { FakeDurableService } from "../internal/testing/fake-durable-service.ts";
import { fakeLambdaContext } from "../internal/testing/fake-lambda-context.ts";
import { captureLogs, durableHandler } from "../internal/testing/test-handler.ts";
import { hashOperationId } from "../replay/operation-id.ts";

function usageMessage(method: string, active: string, own: string): string {
  return (
    `Context usage error in "${method}": You are using a parent or sibling context instead of the current child ` +
    `context. Expected context ID: "${active}", but got: "${own}". When inside runInChildContext(), you must use ` +
    "the child context parameter, not the parent context."
  );
}

describe("context usage validation", () => {
  test("calling a context method inside a step body fails the execution; queued updates are still sent", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step("outer", async () => {
        await ctx.step("inner", async () => 1);
        return 2;
      }),
    );
    expect(await service.invoke(handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: usageMessage("step", "1", "root") },
    });
    expect(service.updates).toEqual([
      { Id: hashOperationId("1"), Name: "outer", Type: "STEP", SubType: "Step", Action: "START" },
    ]);
  });

  test("a wait inside a step body is a context usage error too", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) =>
      ctx.step(async () => {
        await ctx.wait({ seconds: 1 });
      }),
    );
    expect(await service.invoke(handler)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: usageMessage("wait", "1", "root") },
    });
  });
});

describe("replay consistency", () => {
  async function replayAgainst(
    record: Parameters<FakeDurableService["putOperation"]>[0],
    code: Parameters<typeof durableHandler>[0],
  ) {
    const service = new FakeDurableService();
    service.putOperation(record);
    return service.invoke(durableHandler(code));
  }

  const tail = "This indicates non-deterministic control flow in your workflow code.";

  test("a different operation type fails with NonDeterministicExecutionError", async () => {
    const output = await replayAgainst(
      { Id: hashOperationId("1"), Type: "WAIT", SubType: "Wait", Status: "SUCCEEDED" },
      async (_event, ctx) => ctx.step(async () => 1),
    );
    expect(output).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "NonDeterministicExecutionError",
        ErrorMessage: `[Unrecoverable Execution] Non-deterministic execution detected: Operation type mismatch for step "1". Expected type "WAIT", but got "STEP". ${tail}`,
      },
    });
  });

  test("a different name (undefined included) fails naming both values", async () => {
    const output = await replayAgainst(
      {
        Id: hashOperationId("1"),
        Type: "STEP",
        SubType: "Step",
        Name: "charge",
        Status: "SUCCEEDED",
        StepDetails: { Result: "1" },
      },
      async (_event, ctx) => ctx.step(async () => 1),
    );
    expect(output).toMatchObject({
      Error: {
        ErrorMessage: `[Unrecoverable Execution] Non-deterministic execution detected: Operation name mismatch for step "1". Expected name "charge", but got "undefined". ${tail}`,
      },
    });
  });

  test("a different subtype fails", async () => {
    const output = await replayAgainst(
      { Id: hashOperationId("1"), Type: "STEP", SubType: "WaitForCondition", Status: "SUCCEEDED" },
      async (_event, ctx) => ctx.step(async () => 1),
    );
    expect(output).toMatchObject({
      Error: {
        ErrorMessage: `[Unrecoverable Execution] Non-deterministic execution detected: Operation subtype mismatch for step "1". Expected subtype "WaitForCondition", but got "Step". ${tail}`,
      },
    });
  });

  test("a recorded history replays; the same history with a renamed step fails", async () => {
    const service = new FakeDurableService();
    const handler = durableHandler(async (_event, ctx) => {
      await ctx.step("reserve", async () => "r");
      await ctx.wait({ seconds: 1 });
      return ctx.step("ship", async () => "s");
    });
    await service.run(handler);
    const recorded = service.operations;
    const replay = new FakeDurableService();
    for (const operation of recorded.slice(1)) replay.putOperation(structuredClone(operation));
    expect(await replay.invoke(handler)).toEqual({ Status: "SUCCEEDED", Result: '"s"' });
    expect(replay.requests).toHaveLength(0);
    const mutated = new FakeDurableService();
    for (const operation of recorded.slice(1))
      mutated.putOperation({
        ...structuredClone(operation),
        ...(operation.Name === "ship" ? { Name: "deliver" } : {}),
      });
    expect(await mutated.invoke(handler)).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "NonDeterministicExecutionError",
        ErrorMessage: expect.stringContaining('Expected name "deliver", but got "ship"'),
      },
    });
  });
});

describe("context.logger", () => {
  test("drops calls while replaying and logs once execution resumes", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = durableHandler(
      async (_event, ctx) => {
        ctx.logger.info("before");
        await ctx.step(async () => 1);
        await ctx.wait({ seconds: 1 });
        ctx.logger.info("after wait");
        await ctx.step(async () => 2);
        ctx.logger.warn("end");
      },
      { logSink: logs },
    );
    await service.run(handler);
    expect(logs.lines.map((line) => line.record.message)).toEqual(["before", "end"]);
  });

  test("modeAware:false logs during replay too", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = durableHandler(
      async (_event, ctx) => {
        ctx.configureLogger({ modeAware: false });
        ctx.logger.info("before");
        await ctx.wait({ seconds: 1 });
      },
      { logSink: logs },
    );
    await service.run(handler);
    expect(logs.lines.map((line) => line.record.message)).toEqual(["before", "before"]);
  });

  test("default log lines carry the durable fields; step bodies add operationId, name and attempt", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = durableHandler(
      async (_event, ctx) => {
        ctx.logger.info("root");
        await ctx.step("work", async (step) => {
          step.logger.debug("inside");
        });
      },
      { logSink: logs },
    );
    await service.invoke(
      handler,
      fakeLambdaContext({ awsRequestId: "req-9", tenantId: "tenant-a" }),
    );
    expect(logs.lines).toEqual([
      {
        method: "info",
        record: {
          requestId: "req-9",
          timestamp: expect.any(String),
          level: "INFO",
          executionArn: service.durableExecutionArn,
          tenantId: "tenant-a",
          message: "root",
        },
      },
      {
        method: "debug",
        record: {
          requestId: "req-9",
          timestamp: expect.any(String),
          level: "DEBUG",
          executionArn: service.durableExecutionArn,
          tenantId: "tenant-a",
          operationId: hashOperationId("1"),
          operationName: "work",
          attempt: 1,
          message: "inside",
        },
      },
    ]);
    expect(Object.keys(logs.lines[1]?.record ?? {})).toEqual([
      "requestId",
      "timestamp",
      "level",
      "executionArn",
      "tenantId",
      "operationId",
      "operationName",
      "attempt",
      "message",
    ]);
  });

  test("a custom logger gets the logging context and reads the active operation's data", async () => {
    const service = new FakeDurableService();
    const seen: unknown[] = [];
    let loggingContext: DurableLoggingContext | undefined;
    const custom: DurableLogger = {
      info: (message) => seen.push([message, loggingContext?.getDurableLogData()]),
      warn: () => {},
      error: () => {},
      debug: () => {},
      configureDurableLoggingContext: (context) => {
        loggingContext = context;
      },
    };
    const handler = durableHandler(async (_event, ctx) => {
      ctx.configureLogger({ customLogger: custom });
      ctx.logger.info("root");
      await ctx.step(async (step) => step.logger.info("body"));
      expect(ctx.logger.log).toBeUndefined();
    });
    await service.invoke(handler);
    expect(seen).toEqual([
      ["root", { requestId: "request-1", executionArn: service.durableExecutionArn }],
      [
        "body",
        {
          requestId: "request-1",
          executionArn: service.durableExecutionArn,
          operationId: hashOperationId("1"),
          attempt: 1,
        },
      ],
    ]);
  });

  test("log(level, …) is available when the logger has it", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = durableHandler(
      async (_event, ctx) => {
        ctx.logger.log?.("ERROR", "with level");
      },
      { logSink: logs },
    );
    await service.invoke(handler);
    expect(logs.lines).toMatchObject([
      { method: "error", record: { level: "ERROR", message: "with level" } },
    ]);
  });
});

describe("context facts and defaults", () => {
  test("exposes the Lambda context and the execution ARN", async () => {
    const service = new FakeDurableService();
    const lambdaContext = fakeLambdaContext({ awsRequestId: "abc" });
    const seen: unknown[] = [];
    const handler = durableHandler(async (_event, ctx) => {
      seen.push(ctx.lambdaContext, ctx.executionContext.durableExecutionArn);
    });
    await service.invoke(handler, lambdaContext);
    expect(seen).toEqual([lambdaContext, service.durableExecutionArn]);
  });

  test("configureSerdes sets the default serdes of later steps", async () => {
    const service = new FakeDurableService();
    const tagged: Serdes<unknown> = {
      serialize: async (value) => `tagged:${JSON.stringify(value)}`,
      deserialize: async (data) =>
        data === undefined ? undefined : JSON.parse(data.slice("tagged:".length)),
    };
    const handler = durableHandler(async (_event, ctx) => {
      const before = await ctx.step(async () => 1);
      ctx.configureSerdes({ defaultSerdes: tagged });
      const after = await ctx.step(async () => 2);
      return before + (after as number);
    });
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "3" });
    expect(
      service.updates
        .filter((update) => update.Action === "SUCCEED")
        .map((update) => update.Payload),
    ).toEqual(["1", "tagged:2"]);
  });
});
