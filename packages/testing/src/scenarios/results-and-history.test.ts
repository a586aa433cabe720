import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import type { Event } from "@durably/sdk/protocol";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ExecutionStatus, LocalDurableTestRunner, OperationStatus } from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** History events counted by (EventType, SubType, Name), as conformance tests compare them. */
function signature(events: readonly Event[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    if (e.EventType === "InvocationCompleted") continue; // differs with time skipping
    const key = [e.EventType, e.SubType ?? "-", e.Name ?? "-"].join(" ");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const orderFlow = withDurableExecution(async (event: { id: string }, ctx: DurableContext) => {
  const reserved = await ctx.step("reserve", async () => `r-${event.id}`);
  await ctx.wait("settle", { hours: 1 });
  const labels = await ctx.map("labels", ["a", "b"], async (item: DurableContext, value: string) =>
    item.step("print", async () => value.toUpperCase()),
  );
  return { reserved, labels: labels.getResults() };
});

describe("history, invocations and print", () => {
  // One runner for every test of this block, reset before each, as official suites do.
  const runner = new LocalDurableTestRunner({ handlerFunction: orderFlow });
  beforeEach(() => runner.reset());

  it("records a history whose signature counts each event type, sub-type and name", async () => {
    const result = await runner.run({ payload: { id: "7" } });

    expect(result.getResult()).toEqual({ reserved: "r-7", labels: ["A", "B"] });
    expect(signature(result.getHistoryEvents())).toEqual({
      "ExecutionStarted - -": 1,
      "StepStarted Step reserve": 1,
      "StepSucceeded Step reserve": 1,
      "WaitStarted Wait settle": 1,
      "WaitSucceeded Wait settle": 1,
      "ContextStarted Map labels": 1,
      "ContextSucceeded Map labels": 1,
      "ContextStarted MapIteration map-item-0": 1,
      "ContextSucceeded MapIteration map-item-0": 1,
      "ContextStarted MapIteration map-item-1": 1,
      "ContextSucceeded MapIteration map-item-1": 1,
      "StepStarted Step print": 2,
      "StepSucceeded Step print": 2,
      "ExecutionSucceeded - -": 1,
    });
    const ids = result.getHistoryEvents().map((e) => e.EventId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("lists one invocation per InvocationCompleted event, each with timestamps and a request id", async () => {
    const result = await runner.run({ payload: { id: "8" } });

    const invocations = result.getInvocations();
    // The wait suspends the first invocation; how many follow is an implementation detail.
    expect(invocations.length).toBeGreaterThanOrEqual(2);
    expect(invocations.length).toBe(
      result.getHistoryEvents().filter((e) => e.EventType === "InvocationCompleted").length,
    );
    for (const invocation of invocations) {
      expect(invocation.startTimestamp).toBeInstanceOf(Date);
      expect(invocation.endTimestamp).toBeInstanceOf(Date);
      expect(invocation.requestId).toEqual(expect.any(String));
      expect(invocation.error).toBeUndefined();
    }
  });

  it("reports the handler's returned error on the last invocation of a failed run", async () => {
    const failing = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => {
        throw new TypeError("bad order");
      }),
    });

    const result = await failing.run();

    expect(result.getInvocations().at(-1)?.error).toMatchObject({
      errorType: "TypeError",
      errorMessage: "bad order",
    });
  });

  it("filters getOperations by status and gives snapshot handles", async () => {
    const result = await runner.run({ payload: { id: "9" } });

    expect(result.getOperations().map((op) => op.getName())).toEqual([
      "reserve",
      "settle",
      "labels",
      "map-item-0",
      "map-item-1",
      "print",
      "print",
    ]);
    expect(result.getOperations({ status: OperationStatus.SUCCEEDED })).toHaveLength(7);
    expect(result.getOperations({ status: OperationStatus.FAILED })).toEqual([]);
  });

  describe("print()", () => {
    let table: ReturnType<typeof vi.spyOn>;
    let log: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      table = vi.spyOn(console, "table").mockImplementation(() => undefined);
      log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    });
    afterEach(() => vi.restoreAllMocks());

    it("prints one row per operation with every column by default", async () => {
      const result = await runner.run({ payload: { id: "10" } });

      result.print();

      const rows = table.mock.calls[0]?.[0] as Record<string, string>[];
      expect(rows).toHaveLength(7);
      expect(Object.keys(rows[0] ?? {})).toEqual([
        "parentId",
        "name",
        "type",
        "subType",
        "status",
        "startTime",
        "endTime",
        "duration",
      ]);
      expect(rows[0]).toMatchObject({
        parentId: "-",
        name: "reserve",
        type: "STEP",
        subType: "Step",
        status: "SUCCEEDED",
      });
      expect(rows[0]?.["duration"]).toMatch(/^\d+ms$/);
      expect(rows[1]?.["startTime"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it("leaves out the columns turned off", async () => {
      const result = await runner.run({ payload: { id: "11" } });

      result.print({ parentId: false, startTime: false, endTime: false, duration: false });

      const rows = table.mock.calls[0]?.[0] as Record<string, string>[];
      expect(rows[2]).toEqual({
        name: "labels",
        type: "CONTEXT",
        subType: "Map",
        status: "SUCCEEDED",
      });
    });

    it("says so when there are no operations", async () => {
      const empty = new LocalDurableTestRunner({
        handlerFunction: withDurableExecution(async () => "nothing"),
      });
      const result = await empty.run();

      result.print();

      expect(log).toHaveBeenCalledWith("No operations found.");
      expect(table).not.toHaveBeenCalled();
    });
  });
});

describe("results", () => {
  it("gives the handler the payload, or {} without one", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (event: unknown) => event),
    });

    expect((await runner.run({ payload: { a: [1, "x", null] } })).getResult()).toEqual({
      a: [1, "x", null],
    });
    runner.reset();
    expect((await runner.run()).getResult()).toEqual({});
  });

  it("returns undefined for a handler without a result", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async () => undefined),
    });

    const result = await runner.run();

    expect(result.getStatus()).toBe(ExecutionStatus.SUCCEEDED);
    expect(result.getResult()).toBeUndefined();
  });

  it("hands the handler the official runner's Lambda context and a UUID execution ARN", async () => {
    const seen: unknown[] = [];
    const runner = new LocalDurableTestRunner({
      handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const lambda = ctx.lambdaContext;
        seen.push({
          functionName: lambda.functionName,
          functionVersion: lambda.functionVersion,
          invokedFunctionArn: lambda.invokedFunctionArn,
          memoryLimitInMB: lambda.memoryLimitInMB,
          logGroupName: lambda.logGroupName,
          logStreamName: lambda.logStreamName,
          remaining: lambda.getRemainingTimeInMillis(),
          awsRequestId: lambda.awsRequestId,
          arn: ctx.executionContext.durableExecutionArn,
        });
        await ctx.wait({ seconds: 5 });
        return "ok";
      }),
    });

    await runner.run();

    expect(seen).toHaveLength(2);
    const [first, second] = seen as { awsRequestId: string; arn: string }[];
    expect(first).toMatchObject({
      functionName: "my-function-name",
      functionVersion: "1",
      invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:my-function-name",
      memoryLimitInMB: "1024",
      logGroupName: "MyLogGroupName",
      logStreamName: "MyLogStreamName",
      remaining: 900_000,
    });
    expect(first?.arn).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second?.arn).toBe(first?.arn);
    expect(second?.awsRequestId).toBe(first?.awsRequestId);
  });
});

describe("one runner across runs", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: orderFlow });

  it("keeps operations of an earlier run until reset()", async () => {
    await runner.run({ payload: { id: "1" } });
    const before = runner.getOperation("reserve");
    expect(before.getStepDetails()?.result).toBe("r-1");

    runner.reset();

    expect(runner.getOperation("reserve").getStatus()).toBeUndefined();
    await runner.run({ payload: { id: "2" } });
    expect(runner.getOperation("reserve").getStepDetails()?.result).toBe("r-2");
    // A handle taken before reset() is no longer updated.
    expect(before.getStepDetails()?.result).toBe("r-1");
  });

  it("without reset(), shows the earlier run's data until the next run overwrites it", async () => {
    await runner.run({ payload: { id: "3" } });
    const reserve = runner.getOperation("reserve");
    expect(reserve.getStepDetails()?.result).toBe("r-3");

    const result = await runner.run({ payload: { id: "4" } });

    expect(result.getResult()).toMatchObject({ reserved: "r-4" });
    expect(reserve.getStepDetails()?.result).toBe("r-4");
  });
});

describe("several runners at once", () => {
  it("keeps concurrent runs, their operations and their same-named targets apart", async () => {
    const make = (label: string) =>
      new LocalDurableTestRunner({
        handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
          await ctx.wait("nap", { hours: label.length });
          const [answer] = await ctx.createCallback("ask");
          const helped = await ctx.invoke("helper", { label });
          return { label, answer: await answer, helped };
        }),
      }).registerFunction(
        "helper",
        async (event: { label: string }) => `${label} helped ${event.label}`,
      );
    const left = make("left");
    const right = make("right!");
    const askLeft = left.getOperation("ask");
    const askRight = right.getOperation("ask");

    const runs = Promise.all([left.run(), right.run()]);
    await Promise.all([askLeft.waitForData(), askRight.waitForData()]);
    await askRight.sendCallbackSuccess("R");
    await askLeft.sendCallbackSuccess("L");
    const [l, r] = await runs;

    expect(l.getResult()).toEqual({ label: "left", answer: "L", helped: "left helped left" });
    expect(r.getResult()).toEqual({ label: "right!", answer: "R", helped: "right! helped right!" });
    expect(left.getOperation("nap").getWaitDetails()?.waitSeconds).toBe(4 * 3600);
    expect(right.getOperation("nap").getWaitDetails()?.waitSeconds).toBe(6 * 3600);
  });
});
