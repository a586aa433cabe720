import { describe, expect, test } from "vitest";
import type { DurableExecutionConfig, DurableExecutionHandler } from "../index.ts";
import { retryPresets } from "../index.ts";
import { CheckpointFailedError } from "../errors/unrecoverable-errors.ts";
import { FakeDurableService } from "../internal/testing/fake-durable-service.ts";
import { ManualTimers } from "../internal/testing/manual-timers.ts";
import { captureLogs, durableHandler } from "../internal/testing/test-handler.ts";
import { hashOperationId } from "../replay/operation-id.ts";
import type { DurableInstrumentationPlugin } from "./durable-instrumentation-plugin.ts";

const id = hashOperationId;

type Call = { hook: string; info: Record<string, unknown> };

/** A plugin that records every notification it receives, and runs wrapped functions as given. */
function recordingPlugin(): DurableInstrumentationPlugin & {
  calls: Call[];
  of(hook: string): Record<string, unknown>[];
} {
  const calls: Call[] = [];
  const record =
    (hook: string) =>
    async (info: object): Promise<void> =>
      void calls.push({ hook, info: { ...info } });
  return {
    calls,
    of: (hook) => calls.filter((call) => call.hook === hook).map((call) => call.info),
    onInvocationStart: record("onInvocationStart"),
    onInvocationEnd: record("onInvocationEnd"),
    onOperationStart: record("onOperationStart"),
    onOperationEnd: record("onOperationEnd"),
    onOperationAttemptStart: record("onOperationAttemptStart"),
    onOperationAttemptEnd: record("onOperationAttemptEnd"),
    onOperationChange: record("onOperationChange"),
    wrapChildContextFn(info, fn) {
      calls.push({ hook: "wrapChildContextFn", info: { ...info } });
      return fn();
    },
    wrapOperationAttemptFn(info, fn) {
      calls.push({ hook: "wrapOperationAttemptFn", info: { ...info } });
      return fn();
    },
  };
}

function withPlugins(
  handler: DurableExecutionHandler,
  config: DurableExecutionConfig,
  logs = captureLogs(),
) {
  return durableHandler(handler, { logSink: logs }, config);
}

/** Lets pending setImmediate and microtask work run a few times. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Fails the first `failures` calls, then returns `value`. */
function flaky<T>(failures: number, value: T): () => Promise<T> {
  let calls = 0;
  return async () => {
    if (++calls <= failures) throw new Error(`attempt ${calls} failed`);
    return value;
  };
}

describe("invocation hooks", () => {
  test("start before the handler with the loaded state, end with the status of each invocation", async () => {
    const service = new FakeDurableService({ input: "World" });
    const plugin = recordingPlugin();
    const order: string[] = [];
    const handler = withPlugins(
      async (name: string, ctx) => {
        order.push(`handler after ${plugin.calls.at(-1)?.hook}`);
        await ctx.wait({ seconds: 2 });
        return `Hello, ${name}!`;
      },
      { plugins: [plugin] },
    );
    await service.run(handler);
    expect(order).toEqual(["handler after onInvocationStart", "handler after onInvocationStart"]);
    const [first, second] = plugin.of("onInvocationStart");
    expect(first).toMatchObject({
      requestId: "request-1",
      executionArn: service.durableExecutionArn,
      executionInput: "World",
      isFirstInvocation: true,
      updatedOperations: {},
    });
    expect(first?.executionStartTimestamp).toBeInstanceOf(Date);
    expect(Object.keys(first?.operations as object)).toEqual([service.executionId]);
    expect(second).toMatchObject({ isFirstInvocation: false });
    expect(second?.updatedOperations).toEqual({
      [id("1")]: expect.objectContaining({ type: "WAIT", status: "SUCCEEDED" }),
    });
    const ends = plugin.of("onInvocationEnd");
    expect(ends.map((end) => [end.isFirstInvocation, end.status, end.executionResult])).toEqual([
      [true, "PENDING", undefined],
      [false, "SUCCEEDED", "Hello, World!"],
    ]);
    expect(Object.keys(ends[0]?.operations as object)).toEqual([service.executionId, id("1")]);
  });

  test("a failed execution ends FAILED with the error; a thrown invocation ends RETRYING", async () => {
    const failing = new FakeDurableService();
    const plugin = recordingPlugin();
    const output = await failing.invoke(
      withPlugins(
        async () => {
          throw new TypeError("bad input");
        },
        { plugins: [plugin] },
      ),
    );
    expect(output.Status).toBe("FAILED");
    expect(plugin.of("onInvocationEnd")).toEqual([
      expect.objectContaining({ status: "FAILED", executionError: new TypeError("bad input") }),
    ]);

    const broken = new FakeDurableService();
    broken.failNextCheckpoint(new Error("network down"));
    const retried = recordingPlugin();
    const invocation = broken.invoke(
      withPlugins(async (_event, ctx) => ctx.step(async () => 1), { plugins: [retried] }),
    );
    await expect(invocation).rejects.toBeInstanceOf(CheckpointFailedError);
    expect(retried.of("onInvocationEnd")).toEqual([
      expect.objectContaining({
        status: "RETRYING",
        executionError: expect.any(CheckpointFailedError),
      }),
    ]);
  });

  test("wrapInvocation runs the whole invocation inside it; its errors change nothing", async () => {
    const service = new FakeDurableService();
    const events: string[] = [];
    const plugin: DurableInstrumentationPlugin = {
      async wrapInvocation(info, fn) {
        events.push(`wrap ${info.isFirstInvocation}`);
        const output = await fn();
        events.push(`output ${output.Status}`);
        throw new Error("plugin bug");
      },
      async onInvocationEnd(info) {
        events.push(`end ${info.status}`);
      },
    };
    const handler = withPlugins(
      async (_event, ctx) => {
        events.push("handler");
        return ctx.step(async () => "done");
      },
      { plugins: [plugin] },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(events).toEqual(["wrap true", "handler", "end SUCCEEDED", "output SUCCEEDED"]);
  });
});

describe("step hooks", () => {
  test("report start, each attempt and the terminal end, with the attempt function wrapped", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    const charge = flaky(1, "paid");
    const handler = withPlugins(
      async (_event, ctx) =>
        ctx.step("charge", charge, {
          retryStrategy: (_error, attempts) => ({
            shouldRetry: attempts < 3,
            delay: { seconds: 1 },
          }),
        }),
      { plugins: [plugin] },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: '"paid"' });
    const identity = { id: id("1"), name: "charge", type: "STEP", subType: "Step" };
    expect(
      plugin.calls
        .filter((call) => call.hook !== "onOperationChange" && !call.hook.includes("Invocation"))
        .map((call) => call.hook),
    ).toEqual([
      "onOperationStart",
      "onOperationAttemptStart",
      "wrapOperationAttemptFn",
      "onOperationAttemptEnd",
      "onOperationStart",
      "onOperationAttemptStart",
      "wrapOperationAttemptFn",
      "onOperationAttemptEnd",
      "onOperationEnd",
    ]);
    expect(plugin.of("onOperationStart")).toEqual([
      expect.objectContaining({ ...identity, status: "STARTED", isReplay: false }),
      expect.objectContaining({ ...identity, status: "STARTED", isReplay: true }),
    ]);
    const ends = plugin.of("onOperationAttemptEnd");
    expect(ends).toEqual([
      expect.objectContaining({
        ...identity,
        attempt: 1,
        outcome: "FAILED",
        error: new Error("attempt 1 failed"),
      }),
      expect.objectContaining({ ...identity, attempt: 2, outcome: "SUCCEEDED" }),
    ]);
    expect(ends[1]).not.toHaveProperty("error");
    expect(ends[0]?.startTimestamp).toBeInstanceOf(Date);
    expect(ends[0]?.endTimestamp).toBeInstanceOf(Date);
    expect(plugin.of("onOperationEnd")).toEqual([
      expect.objectContaining({
        ...identity,
        status: "SUCCEEDED",
        result: '"paid"',
        attempt: 2,
        isReplay: false,
      }),
    ]);
  });

  test("a step failing for good ends FAILED with its error; a recorded step replays without hooks", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    const handler = withPlugins(
      async (_event, ctx) => {
        await ctx.step("a", async () => "task-a");
        await ctx.wait({ seconds: 1 });
        return ctx.step(
          "b",
          async () => {
            throw new Error("boom");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      },
      { plugins: [plugin] },
    );
    expect((await service.run(handler)).output.Status).toBe("FAILED");
    expect(
      plugin
        .of("onOperationStart")
        .filter((info) => info.type === "STEP")
        .map((info) => info.name),
    ).toEqual(["a", "b"]);
    expect(
      plugin
        .of("onOperationEnd")
        .filter((info) => info.type === "STEP")
        .map((info) => [
          info.name,
          info.status,
          info.result,
          (info.error as Error | undefined)?.message,
        ]),
    ).toEqual([
      ["a", "SUCCEEDED", '"task-a"', undefined],
      ["b", "FAILED", undefined, "boom"],
    ]);
  });

  test("the invocation does not suspend while it awaits a hook", async () => {
    const service = new FakeDurableService();
    const timers = new ManualTimers();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let hookDone = false;
    const handler = durableHandler(
      async (_event, ctx) =>
        ctx.step(flaky(1, "late"), {
          retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 5 } }),
        }),
      { timers, logSink: captureLogs() },
      {
        plugins: [
          {
            onOperationAttemptEnd: async () => {
              await gate;
              hookDone = true;
            },
          },
        ],
      },
    );
    let output: unknown;
    void service.invoke(handler).then((result) => (output = result));
    await settle();
    timers.advance(20);
    await settle();
    expect(output).toBeUndefined();
    release();
    await settle();
    timers.advance(20);
    await settle();
    expect([hookDone, output]).toEqual([true, { Status: "PENDING" }]);
  });

  test("hooks that throw change neither the outcome nor the checkpoints", async () => {
    const throwing = (): Promise<void> => {
      throw new Error("plugin bug");
    };
    const faulty: DurableInstrumentationPlugin = {
      onInvocationStart: throwing,
      onInvocationEnd: throwing,
      onOperationStart: throwing,
      onOperationEnd: throwing,
      onOperationAttemptStart: throwing,
      onOperationAttemptEnd: throwing,
      onOperationChange: throwing,
      wrapOperationAttemptFn: throwing,
      wrapChildContextFn: throwing,
      enrichLogContext: () => {
        throw new Error("plugin bug");
      },
    };
    const body: DurableExecutionHandler = async (name: string, ctx) => {
      const greeting = await ctx.runInChildContext("child", (child) =>
        child.step(async (step) => {
          step.logger.info("greeting");
          return `Hello, ${name}!`;
        }),
      );
      await ctx.wait({ seconds: 1 });
      return greeting;
    };
    const plain = new FakeDurableService({ input: "World" });
    const instrumented = new FakeDurableService({ input: "World" });
    const plainRun = await plain.run(durableHandler(body));
    const instrumentedRun = await instrumented.run(withPlugins(body, { plugins: [faulty] }));
    expect(instrumentedRun).toEqual(plainRun);
    expect(instrumented.updates).toEqual(plain.updates);
  });
});

describe("context and wait hooks", () => {
  test("a nested step reports its child context as parent; the context reports none", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    const handler = withPlugins(
      async (_event, ctx) => ctx.runInChildContext("group", (child) => child.step(async () => "x")),
      { plugins: [plugin] },
    );
    await service.run(handler);
    expect(
      plugin.of("onOperationEnd").map((info) => [info.type, info.id, info.parentId, info.status]),
    ).toEqual([
      ["STEP", id("1-1"), id("1"), "SUCCEEDED"],
      ["CONTEXT", id("1"), undefined, "SUCCEEDED"],
    ]);
    expect(plugin.of("onOperationEnd")[1]).toMatchObject({ result: '"x"', isReplay: false });
    expect(plugin.of("wrapChildContextFn")).toEqual([
      expect.objectContaining({
        id: id("1"),
        name: "group",
        type: "CONTEXT",
        isReplayingChildren: false,
      }),
    ]);
  });

  test("a failing child context ends FAILED with the rebuilt error", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    const handler = withPlugins(
      async (_event, ctx) =>
        ctx.runInChildContext(async () => {
          throw new RangeError("out of range");
        }),
      { plugins: [plugin] },
    );
    expect((await service.run(handler)).output.Status).toBe("FAILED");
    const [end] = plugin.of("onOperationEnd");
    expect(end).toMatchObject({
      type: "CONTEXT",
      status: "FAILED",
      error: expect.objectContaining({ message: "out of range" }),
    });
  });

  test("a context re-run over recorded children, and a wait still pending, are replays", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    const handler = withPlugins(
      async (_event, ctx) => {
        const branches = await ctx.parallel("waits", [
          async (branch) => branch.wait("short", { seconds: 1 }),
          async (branch) => branch.wait("long", { seconds: 5 }),
        ]);
        return branches.successCount;
      },
      { plugins: [plugin] },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "2" });
    const waits = (hook: string) =>
      plugin
        .of(hook)
        .filter((info) => info.type === "WAIT")
        .map((info) => [info.name, info.isReplay, info.status]);
    expect(waits("onOperationStart")).toEqual([
      ["short", false, "STARTED"],
      ["long", false, "STARTED"],
      ["long", true, "STARTED"],
    ]);
    // Each wait ends once: seen finished on the invocation after its timer fired.
    expect(waits("onOperationEnd")).toEqual([
      ["short", false, "SUCCEEDED"],
      ["long", false, "SUCCEEDED"],
    ]);
    const branchRuns = plugin
      .of("wrapChildContextFn")
      .filter((info) => info.subType === "ParallelBranch")
      .map((info) => [info.name, info.isReplayingChildren]);
    expect(branchRuns).toEqual([
      ["parallel-branch-0", false],
      ["parallel-branch-1", false],
      ["parallel-branch-0", true],
      ["parallel-branch-1", true],
      ["parallel-branch-1", true],
    ]);
  });
});

describe("operation changes and log enrichment", () => {
  test("onOperationChange reports the operations whose status a response changed, and all of them", async () => {
    const service = new FakeDurableService();
    const plugin = recordingPlugin();
    await service.run(
      withPlugins(async (_event, ctx) => ctx.step("greet", async () => "hi"), {
        plugins: [plugin],
      }),
    );
    const [change] = plugin.of("onOperationChange");
    expect(change?.executionArn).toBe(service.durableExecutionArn);
    expect(change?.updatedOperations).toEqual({
      [id("1")]: expect.objectContaining({ name: "greet", status: "SUCCEEDED", attempt: 1 }),
    });
    expect(Object.keys(change?.operations as object)).toEqual([service.executionId, id("1")]);
  });

  test("enrichLogContext fields appear in every record of the default logger", async () => {
    const service = new FakeDurableService();
    const logs = captureLogs();
    const handler = withPlugins(
      async (_event, ctx) => {
        ctx.logger.info("at the root");
        return ctx.step(async (step) => step.logger.warn("in a step"));
      },
      { plugins: [{ enrichLogContext: () => ({ traceId: "abc", sampled: true }) }] },
      logs,
    );
    await service.run(handler);
    expect(
      logs.lines.map((line) => [line.record.message, line.record.traceId, line.record.sampled]),
    ).toEqual([
      ["at the root", "abc", true],
      ["in a step", "abc", true],
    ]);
  });
});

describe("loading and configuration", () => {
  test("a plugin that cannot be loaded fails every invocation with PluginLoadError", async () => {
    const service = new FakeDurableService();
    let ran = false;
    const handler = durableHandler(
      async () => {
        ran = true;
      },
      {
        pluginLoading: {
          environment: { DURABLE_EXECUTION_PLUGINS: "missing-plugin" },
          importModule: async () => {
            throw new Error("Cannot find module 'missing-plugin'");
          },
        },
      },
    );
    const output = await service.invoke(handler);
    expect(output).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "PluginLoadError",
        ErrorMessage:
          "Dynamic plugin configuration failed: Failed to load plugin module 'missing-plugin': " +
          "Cannot find module 'missing-plugin'",
      },
    });
    expect(ran).toBe(false);
  });

  test("plugins from DURABLE_EXECUTION_PLUGINS receive hooks after the configured ones", async () => {
    const service = new FakeDurableService();
    const seen: string[] = [];
    class EnvPlugin implements DurableInstrumentationPlugin {
      async onInvocationStart(): Promise<void> {
        seen.push("env");
      }
    }
    const handler = durableHandler(
      async () => "ok",
      {
        pluginLoading: {
          environment: { DURABLE_EXECUTION_PLUGINS: "env-plugin" },
          importModule: async () => ({
            durableExecutionPluginProvider: {
              pluginApiVersion: 1,
              pluginType: EnvPlugin,
              createPlugin: () => new EnvPlugin(),
            },
          }),
        },
      },
      { plugins: [{ onInvocationStart: async () => void seen.push("configured") }] },
    );
    expect((await service.invoke(handler)).Status).toBe("SUCCEEDED");
    expect(seen).toEqual(["configured", "env"]);
  });

  test("childOperationsDepth keeps the children of contexts down to that depth", async () => {
    const nested: DurableExecutionHandler = async (_event, ctx) =>
      ctx.runInChildContext("outer", (outer) =>
        outer.runInChildContext("inner", (inner) =>
          inner.runInChildContext("innermost", (innermost) => innermost.step(async () => 1)),
        ),
      );
    const replayChildren = async (childOperationsDepth: number | undefined) => {
      const service = new FakeDurableService();
      await service.run(durableHandler(nested, {}, { pluginsConfig: { childOperationsDepth } }));
      return service.updates
        .filter((update) => update.Action === "SUCCEED" && update.Type === "CONTEXT")
        .map((update) => [update.Name, update.ContextOptions?.ReplayChildren === true]);
    };
    expect(await replayChildren(undefined)).toEqual([
      ["innermost", false],
      ["inner", false],
      ["outer", false],
    ]);
    expect(await replayChildren(1)).toEqual([
      ["innermost", false],
      ["inner", false],
      ["outer", true],
    ]);
    expect(await replayChildren(2)).toEqual([
      ["innermost", false],
      ["inner", true],
      ["outer", true],
    ]);
    expect(await replayChildren(Number.POSITIVE_INFINITY)).toEqual([
      ["innermost", true],
      ["inner", true],
      ["outer", true],
    ]);
  });

  test("a preserved context re-runs on replay over its recorded children without re-running them", async () => {
    const service = new FakeDurableService();
    let stepRuns = 0;
    const handler = durableHandler(
      async (_event, ctx) => {
        const value = await ctx.runInChildContext("group", (child) =>
          child.step(async () => ++stepRuns),
        );
        await ctx.wait({ seconds: 1 });
        return value;
      },
      {},
      { pluginsConfig: { childOperationsDepth: 1 } },
    );
    expect((await service.run(handler)).output).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(stepRuns).toBe(1);
    expect(service.operation(id("1"))?.ContextDetails).toMatchObject({
      ReplayChildren: true,
      Result: "1",
    });
  });
});
