import { createHash } from "node:crypto";
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "../index.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/** The wire id of a positional step id (protocol: first 16 hex chars of its MD5). */
const wireId = (stepId: string): string =>
  createHash("md5").update(stepId).digest("hex").slice(0, 16);

describe("operation lookup", () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const first = await ctx.step("fetch", async () => "page-1");
      const second = await ctx.step("fetch", async () => "page-2");
      await ctx.wait("pause", { minutes: 1 });
      const [approval] = await ctx.createCallback("approval");
      const approved = await approval;
      const third = await ctx.step("fetch", async () => `page-3 ${approved}`);
      return [first, second, third];
    }),
  });

  beforeEach(() => runner.reset());

  it("returns live handles before run() that fill in as the run progresses", async () => {
    const fetch = runner.getOperation("fetch");
    const approval = runner.getOperation("approval");
    expect(fetch.getStatus()).toBeUndefined();
    expect(fetch.getStepDetails()).toBeUndefined();
    expect(fetch.getOperationData()).toBeUndefined();
    expect(fetch.getEvents()).toBeUndefined();
    expect(fetch.isCallback()).toBe(false);

    const run = runner.run();
    await approval.waitForData(WaitingOperationStatus.STARTED);
    expect(fetch.getStepDetails()?.result).toBe("page-1");
    expect(runner.getOperation("fetch", 2).getStatus()).toBeUndefined();
    await approval.sendCallbackSuccess("yes");
    const result = await run;

    expect(result.getResult()).toEqual(["page-1", "page-2", "page-3 yes"]);
    expect(runner.getOperation("fetch", 2).getStepDetails()?.result).toBe("page-3 yes");
  });

  it("selects the n-th operation of a name with getOperation(name, n) and getOperationByNameAndIndex", async () => {
    const run = runner.run();
    const approval = runner.getOperation("approval");
    await approval.waitForData();
    await approval.sendCallbackSuccess("ok");
    await run;

    expect(runner.getOperation("fetch").getStepDetails()?.result).toBe("page-1");
    expect(runner.getOperation("fetch", 1).getStepDetails()?.result).toBe("page-2");
    expect(runner.getOperationByNameAndIndex("fetch", 1).getStepDetails()?.result).toBe("page-2");
    expect(runner.getOperationByNameAndIndex("fetch", 3).getStatus()).toBeUndefined();
  });

  it("selects by position with getOperationByIndex, negative indexes counting from the end", async () => {
    const run = runner.run();
    await runner.getOperation("approval").waitForData();
    await runner.getOperationByIndex(3).sendCallbackSuccess("ok");
    await run;

    expect(runner.getOperationByIndex(0).getName()).toBe("fetch");
    expect(runner.getOperationByIndex(2).getType()).toBe(OperationType.WAIT);
    expect(runner.getOperationByIndex(3).getType()).toBe(OperationType.CALLBACK);
    expect(runner.getOperationByIndex(-1).getStepDetails()?.result).toBe("page-3 ok");
    expect(runner.getOperationByIndex(-3).getName()).toBe("pause");
    expect(runner.getOperationByIndex(5).getStatus()).toBeUndefined();
  });

  it("selects by wire id with getOperationById", async () => {
    const pause = runner.getOperationById(wireId("3"));
    const run = runner.run();
    await pause.waitForData(WaitingOperationStatus.COMPLETED);
    expect(pause.getName()).toBe("pause");
    const approval = runner.getOperationById(wireId("4"));
    await approval.waitForData();
    await approval.sendCallbackSuccess("ok");
    await run;

    expect(pause.getId()).toBe(wireId("3"));
    expect(pause.getParentId()).toBeUndefined();
    expect(pause.getStatus()).toBe(OperationStatus.SUCCEEDED);
    expect(pause.getStartTimestamp()).toBeInstanceOf(Date);
    expect(pause.getEndTimestamp()!.getTime()).toBeGreaterThanOrEqual(
      pause.getStartTimestamp()!.getTime() + 60_000,
    );
    expect(pause.getOperationData()).toMatchObject({
      Id: wireId("3"),
      Type: "WAIT",
      Name: "pause",
      Status: "SUCCEEDED",
    });
    expect(pause.getEvents()?.map((e) => e.EventType)).toEqual(["WaitStarted", "WaitSucceeded"]);
  });
});
