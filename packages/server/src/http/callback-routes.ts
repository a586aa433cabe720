/**
 * Completing callbacks from outside (protocol.md §10.1 `SendDurableExecutionCallbackSuccess`,
 * `…Failure`, `…Heartbeat`). These are the only routes a "callbacks" token may call: the system
 * that holds a callback id can answer it without being able to start or stop executions.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "./bearer-auth.ts";
import { ErrorObjectSchema, problemContent } from "./common-schemas.ts";
import type { HttpApp, RouteDeps } from "./http-env.ts";
import { limitBody } from "./limit-body.ts";
import { ServerError } from "./server-error.ts";

const params = z.strictObject({
  CallbackId: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "A callback id is base64 text.")
    .openapi({
      param: { name: "CallbackId", in: "path" },
      description: "The callback id, percent-encoded (it may contain `/` and `+`).",
    }),
});

const done = {
  description: "Recorded.",
  content: { "application/json": { schema: z.object({}).openapi("CallbackResponse") } },
};

const errors = {
  400: {
    description: "Invalid request, or the callback is already completed or timed out.",
    content: problemContent,
  },
  401: { description: "Missing or invalid token.", content: problemContent },
  403: { description: "Token lacks the callbacks scope.", content: problemContent },
  404: { description: "No such callback.", content: problemContent },
  409: { description: "The callback's execution has finished.", content: problemContent },
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Registers succeed, fail and heartbeat. */
export function registerCallbackRoutes(app: HttpApp, { engine, limits }: RouteDeps): void {
  app.openapi(
    createRoute({
      method: "post",
      path: "/durable-execution-callbacks/{CallbackId}/succeed",
      summary: "Complete a callback successfully (SendDurableExecutionCallbackSuccess)",
      tags: ["callbacks"],
      middleware: [
        requireScope("callbacks"),
        limitBody(limits.maxCallbackResultBytes, "callback result"),
      ],
      request: {
        params,
        body: {
          description: `The result, stored as UTF-8 text (any media type; at most ${limits.maxCallbackResultBytes} bytes; empty ⇒ no result).`,
          content: {
            "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
          },
          required: false,
        },
      },
      responses: {
        200: done,
        ...errors,
        413: { description: "Result too large.", content: problemContent },
      },
    }),
    async (c) => {
      const { CallbackId } = c.req.valid("param");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let result: string;
      try {
        result = utf8.decode(bytes);
      } catch {
        throw new ServerError("VALIDATION_FAILED", "The callback result is not valid UTF-8.", {
          issues: [{ location: "body", path: "", message: "Not valid UTF-8." }],
        });
      }
      await engine.sendCallbackSuccess(CallbackId, result.length === 0 ? undefined : result);
      return c.json({}, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/durable-execution-callbacks/{CallbackId}/fail",
      summary: "Fail a callback (SendDurableExecutionCallbackFailure)",
      tags: ["callbacks"],
      middleware: [requireScope("callbacks"), limitBody(limits.maxErrorBodyBytes, "error body")],
      request: {
        params,
        body: {
          description: "The error (optional: none records an empty error object).",
          content: { "application/json": { schema: ErrorObjectSchema } },
          required: false,
        },
      },
      responses: {
        200: done,
        ...errors,
        413: { description: "Body too large.", content: problemContent },
        415: { description: "Body is not JSON.", content: problemContent },
      },
    }),
    async (c) => {
      const { CallbackId } = c.req.valid("param");
      await engine.sendCallbackFailure(CallbackId, c.req.valid("json"));
      return c.json({}, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/durable-execution-callbacks/{CallbackId}/heartbeat",
      summary: "Restart a callback's heartbeat window (SendDurableExecutionCallbackHeartbeat)",
      tags: ["callbacks"],
      middleware: [requireScope("callbacks"), limitBody(1024, "heartbeat body (ignored)")],
      request: { params },
      responses: { 200: done, ...errors },
    }),
    async (c) => {
      const { CallbackId } = c.req.valid("param");
      await engine.sendCallbackHeartbeat(CallbackId);
      return c.json({}, 200);
    },
  );
}
