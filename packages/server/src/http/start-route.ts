/**
 * Starting an execution: `POST /functions/{FunctionName}/durable-executions`. Idempotent by name
 * (an existing execution of that function and name is returned with 200 instead of 201). With
 * `?wait=<duration>` the request also waits, up to that bound, for the execution to finish; if it
 * is still running when the bound passes the answer is 202 with the execution as it stands.
 */
import type { StartExecutionRequest } from "@durably/engine";
import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "./bearer-auth.ts";
import { problemContent } from "./common-schemas.ts";
import { ExecutionSchema } from "./execution-schemas.ts";
import { executionPath, toExecutionView } from "./execution-view.ts";
import type { HttpApp, RouteDeps } from "./http-env.ts";
import { limitBody } from "./limit-body.ts";
import { parseWaitDuration } from "./wait-duration.ts";
import { waitForCompletion } from "./wait-for-completion.ts";

/** Largest execution timeout (protocol.md §10: 1..31 622 400 seconds). */
const maxExecutionTimeoutSeconds = 31_622_400;

/** Registers the start route. */
export function registerStartRoute(app: HttpApp, { engine, limits }: RouteDeps): void {
  const body = z
    .strictObject({
      DurableExecutionName: z
        .string()
        .regex(/^[a-zA-Z0-9_-]{1,64}$/, "Use 1 to 64 characters of [a-zA-Z0-9-_].")
        .optional()
        .openapi({
          description: "Idempotency key: starting the same name again returns that execution.",
        }),
      Input: z
        .unknown()
        .optional()
        .openapi({ description: "Input value, any JSON; absent ⇒ the handler gets {}." }),
      InputPayload: z
        .string()
        .optional()
        .openapi({ description: "Input as JSON text, taken as is (instead of Input)." }),
      ExecutionTimeout: z.number().int().min(1).max(maxExecutionTimeoutSeconds).optional().openapi({
        description: "Execution timeout in seconds.",
      }),
    })
    .refine((b) => b.Input === undefined || b.InputPayload === undefined, {
      message: "Give Input or InputPayload, not both.",
      path: ["InputPayload"],
    })
    .openapi("StartExecutionRequest");

  const query = z.strictObject({
    wait: z
      .string()
      .transform((text, ctx) => {
        const ms = parseWaitDuration(text);
        if (ms === undefined || ms > limits.maxSyncWaitMs) {
          ctx.addIssue({
            code: "custom",
            message: `Use a duration such as 500ms, 30s or 2m, at most ${limits.maxSyncWaitMs} ms.`,
          });
          return z.NEVER;
        }
        return ms;
      })
      .optional()
      .openapi({
        type: "string",
        example: "30s",
        description: `Wait up to this long (ms, s or m; at most ${limits.maxSyncWaitMs} ms) for the execution to finish.`,
      }),
  });

  const route = createRoute({
    method: "post",
    path: "/functions/{FunctionName}/durable-executions",
    summary: "Start an execution of a function",
    tags: ["executions"],
    middleware: [requireScope("admin"), limitBody(limits.maxStartBodyBytes, "start request")],
    request: {
      params: z.strictObject({
        FunctionName: z
          .string()
          .min(1)
          .max(256)
          .openapi({ param: { name: "FunctionName", in: "path" } }),
      }),
      query,
      body: { content: { "application/json": { schema: body } }, required: false },
    },
    responses: {
      200: {
        description:
          "An execution with this name existed (returned unchanged), or it finished within `wait`.",
        content: { "application/json": { schema: ExecutionSchema } },
      },
      201: {
        description: "Started (and, with `wait`, finished within the bound).",
        content: { "application/json": { schema: ExecutionSchema } },
      },
      202: {
        description: "Started or found, still running when `wait` passed.",
        content: { "application/json": { schema: ExecutionSchema } },
      },
      400: { description: "Invalid request.", content: problemContent },
      401: { description: "Missing or invalid token.", content: problemContent },
      403: { description: "Token lacks the admin scope.", content: problemContent },
      404: { description: "No such function.", content: problemContent },
      413: { description: "Body too large.", content: problemContent },
      415: { description: "Body is not JSON.", content: problemContent },
    },
  });

  app.openapi(route, async (c) => {
    const { FunctionName } = c.req.valid("param");
    const { wait } = c.req.valid("query");
    const input = c.req.valid("json");
    const request: StartExecutionRequest = { functionName: FunctionName };
    if (input.DurableExecutionName !== undefined)
      request.executionName = input.DurableExecutionName;
    if (input.InputPayload !== undefined) request.inputPayload = input.InputPayload;
    if (input.Input !== undefined) request.input = input.Input;
    if (input.ExecutionTimeout !== undefined) request.timeoutSeconds = input.ExecutionTimeout;
    const { execution, created } = await engine.startExecution(request);
    c.header("location", executionPath(execution.executionId));
    const status = created ? 201 : 200;
    if (wait === undefined) return c.json(toExecutionView(execution), status);
    const done = await waitForCompletion(engine, execution.executionId, wait, c.req.raw.signal);
    if (done === undefined)
      return c.json(toExecutionView(await engine.getExecution(execution.executionId)), 202);
    return c.json(toExecutionView(done), status);
  });
}
