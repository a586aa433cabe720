/**
 * Handlers for the plugin suite (10.x), written from each requirement's description. Each case
 * registers a conformance plugin that prints one JSON line per hook event it observes; the runner
 * captures those lines and checks them against the requirement's expected logs.
 */
import { createRetryStrategy, retryPresets, withDurableExecution } from "@durably/sdk";
import type {
  AttemptEndInfo,
  AttemptInfo,
  CustomerFn,
  DurableContext,
  DurableInstrumentationPlugin,
  OperationInfo,
} from "@durably/sdk";
import type { SuiteCases } from "./conformance-case.ts";

type Fields = Record<string, unknown>;
type Emit = (hook: string, fields?: Fields) => void;

/**
 * A plugin printing `{"plugin": label, "hook": ..., ...fields, "durableExecutionArn": ...}` lines.
 * The execution ARN is taken from the invocation-start info and stamped on every later line.
 */
function conformancePlugin(
  label: string,
  build: (emit: Emit) => DurableInstrumentationPlugin,
): DurableInstrumentationPlugin {
  let arn: string | undefined;
  const emit: Emit = (hook, fields = {}) => {
    console.log(JSON.stringify({ plugin: label, hook, ...fields, durableExecutionArn: arn }));
  };
  const hooks = build(emit);
  return {
    ...hooks,
    async onInvocationStart(info) {
      arn = info.executionArn;
      await hooks.onInvocationStart?.(info);
    },
  };
}

/** A plugin whose every hook prints its name, then throws. */
function faultyPlugin(filter: (info: OperationInfo) => boolean): DurableInstrumentationPlugin {
  return conformancePlugin("CONFPLUGIN-FAULTY", (emit) => {
    const fail = (hook: string): never => {
      emit(hook);
      throw new Error(`faulty plugin: ${hook}`);
    };
    const failFor = (hook: string) => async (info: OperationInfo) => {
      if (filter(info)) fail(hook);
    };
    return {
      onInvocationStart: async () => fail("invocation-start"),
      onInvocationEnd: async () => fail("invocation-end"),
      onOperationStart: failFor("operation-start"),
      onOperationEnd: failFor("operation-end"),
      onOperationAttemptStart: failFor("attempt-start"),
      onOperationAttemptEnd: failFor("attempt-end"),
    };
  });
}

const isStep = (info: OperationInfo): boolean => info.type === "STEP";
const isWait = (info: OperationInfo): boolean => info.type === "WAIT";
const isTerminal = (status: string | undefined): boolean =>
  status === "SUCCEEDED" || status === "FAILED";
const iso = (date: Date | undefined): string | undefined => date?.toISOString();
const messageOf = (error: Error | undefined): string | undefined => error?.message;

/** The operation fields of an info, named as the requirements name them (undefined ones are dropped by JSON). */
function dumpOperation(info: OperationInfo): Fields {
  return {
    id: info.id,
    name: info.name,
    type: info.type,
    subType: info.subType,
    parentId: info.parentId,
    status: info.status,
    startTimestamp: iso(info.startTimestamp),
    endTimestamp: iso(info.endTimestamp),
    error: messageOf(info.error),
    attempt: info.attempt,
    isReplay: info.isReplay,
  };
}

/** Runs a wrapped user function, printing when it starts and how it ended. */
async function traced(emit: Emit, fields: Fields, fn: CustomerFn): Promise<unknown> {
  emit("fn-start", fields);
  try {
    const result = await fn();
    emit("fn-end", { ...fields, outcome: "SUCCEEDED" });
    return result;
  } catch (error) {
    emit("fn-end", { ...fields, outcome: "FAILED" });
    throw error;
  }
}

/** Fails the first `failures` calls, then returns `value`. */
function flaky<T>(failures: number, value: T): () => Promise<T> {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= failures) throw new Error(`attempt ${calls} failed`);
    return value;
  };
}

/** At most three attempts, one second apart. */
const retryEverySecond = createRetryStrategy({
  maxAttempts: 3,
  initialDelay: { seconds: 1 },
  backoffRate: 1,
  jitter: "NONE",
});

/** A plugin printing the invocation start (first flag) and end (status). */
function invocationPlugin(): DurableInstrumentationPlugin {
  return conformancePlugin("CONFPLUGIN", (emit) => ({
    onInvocationStart: async (info) => emit("invocation-start", { first: info.isFirstInvocation }),
    onInvocationEnd: async (info) => emit("invocation-end", { status: info.status }),
  }));
}

/** A single step greeting the input. */
async function greet(name: string, ctx: DurableContext): Promise<string> {
  return ctx.step(async () => `Hello, ${name}!`);
}

/** A single two-second wait. */
async function waitTwoSeconds(_: unknown, ctx: DurableContext): Promise<void> {
  await ctx.wait({ seconds: 2 });
}

export const pluginCases: SuiteCases = {
  "10.1": () => ({
    handler: withDurableExecution(
      async (name: string, ctx: DurableContext) =>
        ctx.step(async (step) => {
          step.logger.info(`Greeting step running for: ${name}`);
          return `Hello, ${name}!`;
        }),
      { plugins: [invocationPlugin()] },
    ),
  }),
  "10.2": () => ({
    handler: withDurableExecution(greet, {
      plugins: [
        conformancePlugin("CONFPLUGIN", (emit) => ({
          onOperationStart: async (info) => {
            if (isStep(info)) emit("operation-start", { op: info.id });
          },
          onOperationEnd: async (info) => {
            if (isStep(info)) emit("operation-end", { op: info.id, status: info.status });
          },
        })),
      ],
    }),
  }),
  "10.3": () => {
    const body = flaky(1, "Operation succeeded");
    return {
      handler: withDurableExecution(
        async (_: unknown, ctx: DurableContext) =>
          ctx.step(body, { retryStrategy: retryEverySecond }),
        {
          plugins: [
            conformancePlugin("CONFPLUGIN", (emit) => ({
              onOperationAttemptStart: async (info: AttemptInfo) => {
                if (isStep(info)) emit("attempt-start", { n: info.attempt, op: info.id });
              },
              onOperationAttemptEnd: async (info: AttemptEndInfo) => {
                if (isStep(info))
                  emit("attempt-end", { n: info.attempt, outcome: info.outcome, op: info.id });
              },
            })),
          ],
        },
      ),
    };
  },
  "10.4": () => ({
    handler: withDurableExecution(greet, { plugins: [faultyPlugin(isStep)] }),
  }),
  "10.6": () => ({
    handler: withDurableExecution(waitTwoSeconds, { plugins: [invocationPlugin()] }),
  }),
  "10.7": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) =>
        ctx.step(
          async () => {
            throw new Error("this step always fails");
          },
          { retryStrategy: retryPresets.noRetry },
        ),
      { plugins: [invocationPlugin()] },
    ),
  }),
  "10.8": () => ({
    handler: withDurableExecution(greet, {
      plugins: [
        conformancePlugin("CONFPLUGIN", (emit) => ({
          onOperationChange: async (info) => {
            for (const [id, operation] of Object.entries(info.updatedOperations)) {
              if (!isStep(operation)) continue;
              emit("operation-change", {
                op: id,
                status: operation.status,
                in_full_map: id in info.operations,
              });
            }
          },
        })),
      ],
    }),
  }),
  "10.9": () => ({
    handler: withDurableExecution(waitTwoSeconds, {
      plugins: [
        conformancePlugin("CONFPLUGIN", (emit) => ({
          onInvocationStart: async (info) => {
            for (const [id, operation] of Object.entries(info.updatedOperations)) {
              if (isWait(operation))
                emit("updated-on-invoke", {
                  op: id,
                  status: operation.status,
                  first: info.isFirstInvocation,
                });
            }
          },
        })),
      ],
    }),
  }),
  "10.11": () => ({
    handler: withDurableExecution(
      async (name: string, ctx: DurableContext) =>
        ctx.runInChildContext((child) => greet(name, child)),
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onOperationEnd: async (info) => {
              if (isTerminal(info.status))
                emit("operation-end", {
                  op: info.id,
                  parent: info.parentId ?? "NONE",
                  status: info.status,
                });
            },
          })),
        ],
      },
    ),
  }),
  "10.12": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) => {
        const result = await ctx.parallel(
          "parallel",
          [async () => "task-1", async () => "task-2"],
          { maxConcurrency: 1 },
        );
        return result.getResults();
      },
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            wrapChildContextFn: (info, fn) =>
              info.subType === "ParallelBranch"
                ? traced(emit, { op: info.id, parent: info.parentId ?? "NONE" }, fn)
                : fn(),
          })),
        ],
      },
    ),
  }),
  "10.13": () => {
    const second = flaky(1, "Operation succeeded");
    return {
      handler: withDurableExecution(
        async (_: unknown, ctx: DurableContext) => {
          await ctx.step(async () => "first step done");
          return ctx.step(second, { retryStrategy: retryEverySecond });
        },
        {
          plugins: [
            conformancePlugin("CONFPLUGIN", (emit) => ({
              onOperationStart: async (info) => {
                if (isStep(info)) emit("operation-start", { op: info.id, replay: info.isReplay });
              },
              onOperationEnd: async (info) => {
                if (isStep(info)) emit("operation-end", { op: info.id, status: info.status });
              },
            })),
          ],
        },
      ),
    };
  },
  "10.14": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) => {
        await ctx.step(async () => "task-a");
        return ctx.step(
          async () => {
            throw new Error("boom");
          },
          { retryStrategy: retryPresets.noRetry },
        );
      },
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onOperationEnd: async (info) => {
              if (!isStep(info)) return;
              emit("operation-end", {
                op: info.id,
                status: info.status,
                result: info.result ?? "NONE",
                error: messageOf(info.error) ?? "NONE",
              });
            },
          })),
        ],
      },
    ),
  }),
  "10.16": () => ({
    handler: withDurableExecution(waitTwoSeconds, {
      plugins: [
        conformancePlugin("CONFPLUGIN", (emit) => ({
          onInvocationStart: async (info) =>
            emit("invocation-start", { first: info.isFirstInvocation }),
          onInvocationEnd: async (info) =>
            emit("invocation-end", {
              first: info.isFirstInvocation,
              terminal: isTerminal(info.status),
              status: info.status,
            }),
        })),
      ],
    }),
  }),
  "10.17": () => ({
    handler: withDurableExecution(greet, {
      plugins: [
        faultyPlugin(isStep),
        conformancePlugin("CONFPLUGIN-HEALTHY", (emit) => ({
          onInvocationStart: async (info) =>
            emit("invocation-start", { first: info.isFirstInvocation }),
          onOperationStart: async (info) => {
            if (isStep(info)) emit("operation-start", { op: info.id });
          },
          onOperationAttemptStart: async (info) => {
            if (isStep(info)) emit("attempt-start", { op: info.id });
          },
          onOperationAttemptEnd: async (info) => {
            if (isStep(info)) emit("attempt-end", { op: info.id, outcome: info.outcome });
          },
          onOperationEnd: async (info) => {
            if (isStep(info)) emit("operation-end", { op: info.id, status: info.status });
          },
          onInvocationEnd: async (info) => emit("invocation-end", { status: info.status }),
        })),
      ],
    }),
  }),
  "10.18": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) => {
        const result = await ctx.parallel(
          "waits",
          [
            async (branch) => {
              await branch.wait("short", { seconds: 2 });
              return "short-done";
            },
            async (branch) => {
              await branch.wait("long", { seconds: 8 });
              return "long-done";
            },
          ],
          { maxConcurrency: 2 },
        );
        return result.getResults();
      },
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onOperationStart: async (info) => {
              if (!isWait(info)) return;
              emit("operation-start", {
                type: info.type.toUpperCase(),
                name: info.name,
                replay: info.isReplay,
                pending: !isTerminal(info.status),
              });
            },
            onOperationEnd: async (info) => {
              if (isWait(info))
                emit("operation-end", {
                  type: info.type.toUpperCase(),
                  name: info.name,
                  status: info.status,
                });
            },
          })),
        ],
      },
    ),
  }),
  "10.19": () => ({
    handler: withDurableExecution(
      async (input: string, ctx: DurableContext) => {
        await ctx.wait({ seconds: 2 });
        return `done-${input}`;
      },
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onInvocationStart: async (info) =>
              emit("invocation-start", {
                isFirstInvocation: info.isFirstInvocation,
                requestId: info.requestId,
                operationsCount: Object.keys(info.operations).length,
                updatedOperationsCount: Object.keys(info.updatedOperations).length,
                executionStartTimestamp: iso(info.executionStartTimestamp),
              }),
            onInvocationEnd: async (info) =>
              emit("invocation-end", {
                isFirstInvocation: info.isFirstInvocation,
                requestId: info.requestId,
                operationsCount: Object.keys(info.operations).length,
                executionStartTimestamp: iso(info.executionStartTimestamp),
                status: info.status,
                terminal: isTerminal(info.status),
                executionError: messageOf(info.executionError),
              }),
          })),
        ],
      },
    ),
  }),
  "10.21": () => {
    const body = flaky(1, "ok");
    return {
      handler: withDurableExecution(
        async (_: unknown, ctx: DurableContext) =>
          ctx.step("flaky", body, { retryStrategy: retryEverySecond }),
        {
          plugins: [
            conformancePlugin("CONFPLUGIN", (emit) => ({
              onOperationAttemptStart: async (info) => {
                if (isStep(info)) emit("attempt-start", dumpOperation(info));
              },
              onOperationAttemptEnd: async (info) => {
                if (isStep(info))
                  emit("attempt-end", { ...dumpOperation(info), outcome: info.outcome });
              },
            })),
          ],
        },
      ),
    };
  },
  "10.22": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) => ctx.step("greet", async () => "task-a"),
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onOperationChange: async (info) => {
              const updated = Object.entries(info.updatedOperations);
              for (const [id, operation] of updated) {
                if (!isStep(operation)) continue;
                emit("operation-change", {
                  executionArn: info.executionArn,
                  updatedOperationsCount: updated.length,
                  operationsCount: Object.keys(info.operations).length,
                  inFullMap: id in info.operations,
                  ...dumpOperation(operation),
                });
              }
            },
          })),
        ],
      },
    ),
  }),
  "10.23": () => ({
    handler: withDurableExecution(
      async (_: unknown, ctx: DurableContext) => {
        const result = await ctx.parallel(
          "ctx",
          [
            {
              name: "branch-a",
              func: async (branch) => {
                await branch.step("inner", async () => "x");
                await branch.wait({ seconds: 2 });
                return "a-done";
              },
            },
            { name: "branch-b", func: async () => "b-done" },
          ],
          { maxConcurrency: 1 },
        );
        return result.getResults();
      },
      {
        plugins: [
          conformancePlugin("CONFPLUGIN", (emit) => ({
            onOperationStart: async (info) => {
              if (info.type === "CONTEXT") emit("operation-start", dumpOperation(info));
            },
            wrapChildContextFn: (info, fn) => {
              if (info.type === "CONTEXT") {
                const { id, name, type, subType, parentId } = info;
                emit("fn-start", {
                  id,
                  name,
                  type,
                  subType,
                  parentId,
                  isReplayingChildren: info.isReplayingChildren,
                });
              }
              return fn();
            },
          })),
        ],
      },
    ),
  }),
};
