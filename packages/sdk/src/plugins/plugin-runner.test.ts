import { describe, expect, test } from "vitest";
import type {
  DurableInstrumentationPlugin,
  OperationInfo,
} from "./durable-instrumentation-plugin.ts";
import { PluginRunner } from "./plugin-runner.ts";

const info: OperationInfo = { id: "op", type: "STEP", isReplay: false };

describe("PluginRunner.notify", () => {
  test("calls the hook on every plugin with `this` bound, skipping plugins without it", async () => {
    const seen: string[] = [];
    class Named implements DurableInstrumentationPlugin {
      readonly name: string;
      constructor(name: string) {
        this.name = name;
      }
      async onOperationStart(received: OperationInfo): Promise<void> {
        seen.push(`${this.name}:${received.id}`);
      }
    }
    const runner = new PluginRunner([new Named("a"), {}, new Named("b")]);
    await runner.notify("onOperationStart", info);
    expect(seen).toEqual(["a:op", "b:op"]);
  });

  test("swallows synchronous throws and rejections; the other plugins still run", async () => {
    const seen: string[] = [];
    const runner = new PluginRunner([
      {
        onOperationEnd: (): Promise<void> => {
          throw new Error("sync");
        },
      },
      { onOperationEnd: async () => Promise.reject(new Error("async")) },
      { onOperationEnd: async () => void seen.push("healthy") },
    ]);
    await expect(runner.notify("onOperationEnd", info)).resolves.toBeUndefined();
    expect(seen).toEqual(["healthy"]);
  });

  test("starts every plugin's hook at once and waits for all of them", async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runner = new PluginRunner([
      {
        onOperationStart: async () => {
          events.push("slow started");
          await gate;
          events.push("slow done");
        },
      },
      { onOperationStart: async () => void events.push("fast") },
    ]);
    const done = runner.notify("onOperationStart", info).then(() => events.push("notified"));
    await Promise.resolve();
    expect(events).toEqual(["slow started", "fast"]);
    release();
    await done;
    expect(events).toEqual(["slow started", "fast", "slow done", "notified"]);
  });
});

describe("PluginRunner.wrap", () => {
  test("nests wrappers with the first plugin outermost and returns the function's result", async () => {
    const events: string[] = [];
    const wrapper = (label: string): DurableInstrumentationPlugin => ({
      wrapOperationAttemptFn: async (_info, fn) => {
        events.push(`${label} in`);
        const result = await fn();
        events.push(`${label} out`);
        return result;
      },
    });
    const runner = new PluginRunner([wrapper("outer"), wrapper("inner")]);
    const result = await runner.wrap(
      "wrapOperationAttemptFn",
      { ...info, attempt: 1 },
      async () => {
        events.push("fn");
        return 42;
      },
    );
    expect(result).toBe(42);
    expect(events).toEqual(["outer in", "inner in", "fn", "inner out", "outer out"]);
  });

  test("the function's own outcome wins over what wrappers return, and it runs only once", async () => {
    let calls = 0;
    const runner = new PluginRunner([
      {
        wrapChildContextFn: async (_info, fn) => {
          await fn();
          await fn();
          return "replaced";
        },
      },
    ]);
    const result = await runner.wrap(
      "wrapChildContextFn",
      { ...info, isReplayingChildren: false },
      async () => ++calls,
    );
    expect([result, calls]).toEqual([1, 1]);
  });

  test("a wrapper that throws, rejects or never calls the function still lets it run", async () => {
    for (const plugin of [
      {
        wrapOperationAttemptFn: () => {
          throw new Error("before");
        },
      },
      { wrapOperationAttemptFn: async () => Promise.reject(new Error("after")) },
      { wrapOperationAttemptFn: async () => "skipped" },
    ] satisfies DurableInstrumentationPlugin[]) {
      let calls = 0;
      const runner = new PluginRunner([plugin]);
      const result = await runner.wrap("wrapOperationAttemptFn", { ...info, attempt: 1 }, () => {
        calls++;
        return "ran";
      });
      expect([result, calls]).toEqual(["ran", 1]);
    }
  });

  test("the function's error reaches the caller even when a wrapper swallows it", async () => {
    const runner = new PluginRunner([
      {
        wrapOperationAttemptFn: async (_info, fn) => {
          try {
            return await fn();
          } catch {
            return "swallowed";
          }
        },
      },
    ]);
    await expect(
      runner.wrap("wrapOperationAttemptFn", { ...info, attempt: 1 }, async () => {
        throw new Error("user error");
      }),
    ).rejects.toThrow("user error");
  });

  test("without wrappers the function is called directly", async () => {
    const runner = new PluginRunner([{}]);
    expect(await runner.wrap("wrapInvocation", info as never, () => "direct")).toBe("direct");
  });
});

describe("PluginRunner.enrichLogContext and has", () => {
  test("merges the fields of every plugin in order; a throwing plugin adds none", () => {
    const runner = new PluginRunner([
      { enrichLogContext: () => ({ traceId: "t1", sampled: true }) },
      {
        enrichLogContext: () => {
          throw new Error("broken");
        },
      },
      { enrichLogContext: () => ({ traceId: "t2", spanId: 7 }) },
      { enrichLogContext: () => undefined },
    ]);
    expect(runner.enrichLogContext()).toEqual({ traceId: "t2", sampled: true, spanId: 7 });
  });

  test("has tells whether any plugin implements a hook", () => {
    const runner = new PluginRunner([{}, { onOperationChange: async () => {} }]);
    expect([runner.has("onOperationChange"), runner.has("onInvocationStart")]).toEqual([
      true,
      false,
    ]);
  });
});
