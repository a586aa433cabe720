/**
 * Operating the server: liveness, readiness, Prometheus metrics and the OpenAPI document.
 * Liveness and readiness answer without a token, so orchestrators can probe them; they reveal
 * nothing but whether the process and its store are up.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "./bearer-auth.ts";
import { problemContent } from "./common-schemas.ts";
import type { HttpApp, RouteDeps } from "./http-env.ts";
import type { HttpMetrics } from "./http-metrics.ts";
import { ServerError } from "./server-error.ts";

/** Paths served without authentication. */
export const publicPaths: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);

/** Path of the OpenAPI document. */
const openApiPath = "/openapi.json";

/** Declares the bearer token scheme the document's `security` refers to; call once per app. */
export function registerSecurityScheme(app: HttpApp): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      'API token; "callbacks" tokens may only call the /durable-execution-callbacks routes.',
  });
}

const status = z.object({ status: z.string() }).openapi("HealthStatus");

/** Registers health, readiness, metrics and the OpenAPI document. */
export function registerSystemRoutes(
  app: HttpApp,
  { engine }: RouteDeps,
  metrics: HttpMetrics,
): void {
  let document: Record<string, unknown> | undefined;
  app.openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      summary: "Liveness: the process serves requests",
      tags: ["system"],
      security: [],
      responses: {
        200: { description: "Alive.", content: { "application/json": { schema: status } } },
      },
    }),
    (c) => c.json({ status: "ok" }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/readyz",
      summary: "Readiness: the store answers",
      tags: ["system"],
      security: [],
      responses: {
        200: { description: "Ready.", content: { "application/json": { schema: status } } },
        503: { description: "The store is not reachable.", content: problemContent },
      },
    }),
    async (c) => {
      try {
        // The cheapest read the engine offers that reaches the store.
        await engine.listExecutions({ limit: 1 });
      } catch (error) {
        throw new ServerError("UNAVAILABLE", "The store is not reachable.", { cause: error });
      }
      return c.json({ status: "ready" }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/metrics",
      summary: "Prometheus metrics",
      tags: ["system"],
      middleware: [requireScope("admin")],
      responses: {
        200: {
          description: "Metrics in the Prometheus text format.",
          content: { "text/plain": { schema: z.string() } },
        },
        401: { description: "Missing or invalid token.", content: problemContent },
        403: { description: "Token lacks the admin scope.", content: problemContent },
      },
    }),
    async (c) =>
      c.text(await metrics.registry.metrics(), 200, {
        "content-type": metrics.registry.contentType,
      }),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: openApiPath,
      summary: "This API's OpenAPI document",
      tags: ["system"],
      middleware: [requireScope("admin")],
      responses: {
        200: {
          description: "OpenAPI 3.1 document.",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
        401: { description: "Missing or invalid token.", content: problemContent },
        403: { description: "Token lacks the admin scope.", content: problemContent },
      },
    }),
    (c) => {
      // Routes are all registered by the first request; generating once keeps the document stable.
      document ??= openApiDocument(app);
      return c.json(document, 200);
    },
  );
}

/** The OpenAPI document of `app`, generated from the route definitions that validate requests. */
function openApiDocument(app: HttpApp): Record<string, unknown> {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Durably API",
      version: "1",
      description: "Start, inspect and stop durable executions; complete callbacks.",
    },
    security: [{ bearerAuth: [] }],
  }) as unknown as Record<string, unknown>;
}
