/**
 * Handlers for the chained invoke suite (5.x), written from each requirement's description. The
 * invoked targets are registered beside the handler under the names the handler invokes.
 */
import { InvokeError, withDurableExecution } from "@durably/sdk";
import type { DurableContext, Serdes } from "@durably/sdk";
import type { ConformanceCase, SuiteCases } from "./conformance-case.ts";

const ECHO = "echo-target";

/** A case whose target function returns what it receives. */
function withEcho(handler: ConformanceCase["handler"]): ConformanceCase {
  return { handler, plainFunctions: { [ECHO]: async (input: unknown) => input } };
}

/** Reads an invoke result as the upper-case form of its stored text. */
const upperCaseResultSerdes: Serdes<string> = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (data) => data?.toUpperCase(),
};

/** Close to the 256 KiB a checkpointed payload may have. */
const LARGE_PAYLOAD_CHARS = 250 * 1024;

/**
 * Chained invoke cases, by requirement id. `invoke(funcId, input)` would take a string `input` for
 * the function id (the official SDK picks the named form whenever the second argument is a
 * string), so string inputs go through the named form.
 */
export const invokeCases: SuiteCases = {
  "5.1": () =>
    withEcho(
      withDurableExecution(async (event: unknown, ctx: DurableContext) =>
        ctx.invoke("echo", ECHO, event),
      ),
    ),
  "5.2": () =>
    withEcho(
      withDurableExecution(async (event: { name: string; payload: string }, ctx: DurableContext) =>
        ctx.invoke(event.name, ECHO, event.payload),
      ),
    ),
  "5.3": () =>
    withEcho(
      withDurableExecution(async (event: unknown, ctx: DurableContext) => ctx.invoke(ECHO, event)),
    ),
  "5.4": () =>
    withEcho(
      withDurableExecution(async (_: unknown, ctx: DurableContext) => ctx.invoke(ECHO, null)),
    ),
  "5.6": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      try {
        return await ctx.invoke("failing-target", { reason: "the target always fails" });
      } catch (error) {
        if (!(error instanceof InvokeError)) throw error;
        return { fallback: true, message: error.message };
      }
    }),
    plainFunctions: {
      "failing-target": async (input: { reason: string }) => {
        throw new Error(input.reason);
      },
    },
  }),
  "5.7": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) =>
      ctx.invoke("measure-target", { data: "x".repeat(LARGE_PAYLOAD_CHARS) }),
    ),
    plainFunctions: {
      "measure-target": async (input: { data: string }) => ({ receivedChars: input.data.length }),
    },
  }),
  "5.8": () =>
    withEcho(
      withDurableExecution(
        async (event: { tenantId: string; payload: string }, ctx: DurableContext) =>
          ctx.invoke("echo_for_tenant", ECHO, event.payload, { tenantId: event.tenantId }),
      ),
    ),
  "5.9": () =>
    withEcho(
      withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const result = await ctx.invoke(ECHO, { value: "cached" });
        await ctx.wait({ seconds: 1 });
        return result;
      }),
    ),
  "5.11": () =>
    withEcho(
      withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const prepared = await ctx.step("prepare", async () => ({ prepared: true }));
        return ctx.invoke(ECHO, prepared);
      }),
    ),
  "5.12": () =>
    withEcho(
      withDurableExecution(async (_: unknown, ctx: DurableContext) => {
        const result = await ctx.invoke<{ value: string }, { value: string }>(ECHO, {
          value: "from target",
        });
        return ctx.step("use_result", async () => ({ processed: result.value }));
      }),
    ),
  "5.13": () =>
    withEcho(
      withDurableExecution(async (_: unknown, ctx: DurableContext) =>
        ctx.runInChildContext("invoking_child", async (child) =>
          child.invoke(ECHO, { from: "child" }),
        ),
      ),
    ),
  "5.14": () => ({
    handler: withDurableExecution(async (_: unknown, ctx: DurableContext) => {
      const first = await ctx.invoke<{ n: number }, { n: number }>("first-target", { n: 1 });
      const second = await ctx.invoke<{ n: number }, { n: number }>("second-target", first);
      return [first, second];
    }),
    plainFunctions: {
      "first-target": async (input: { n: number }) => ({ n: input.n + 1 }),
      "second-target": async (input: { n: number }) => ({ n: input.n * 10 }),
    },
  }),
  "5.16": () =>
    withEcho(
      withDurableExecution(async (input: string, ctx: DurableContext) =>
        ctx.invoke("echo_upper_case", ECHO, input, { resultSerdes: upperCaseResultSerdes }),
      ),
    ),
};
