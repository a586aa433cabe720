/**
 * `createHttpApp`: the HTTP API over an Engine. The app knows the Engine interface only, never a
 * store; the composition root (the CLI's `serve`) picks the store and builds the engine.
 */
import type { Engine } from "@durably/engine";
import { OpenAPIHono } from "@hono/zod-openapi";
import { authenticate } from "./bearer-auth.ts";
import type { HttpAuth } from "./bearer-auth.ts";
import { registerCallbackRoutes } from "./callback-routes.ts";
import { registerExecutionRoutes } from "./execution-routes.ts";
import type { HttpApp, HttpEnv, RouteDeps } from "./http-env.ts";
import { resolveHttpLimits } from "./http-limits.ts";
import type { HttpLimits } from "./http-limits.ts";
import { createHttpMetrics } from "./http-metrics.ts";
import type { HttpMetrics } from "./http-metrics.ts";
import { registerJournalRoutes } from "./journal-routes.ts";
import { observeRequests } from "./observe-requests.ts";
import type { RequestLogLine } from "./observe-requests.ts";
import { problemResponse, toProblem } from "./problem-response.ts";
import { ServerError } from "./server-error.ts";
import { registerStartRoute } from "./start-route.ts";
import { publicPaths, registerSecurityScheme, registerSystemRoutes } from "./system-routes.ts";
import { validationHook } from "./validation-hook.ts";

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  engine: Engine;
  /** API tokens, or `{ insecureLocal: true }` for a server that listens on loopback only. */
  auth: HttpAuth;
  limits?: HttpLimits;
  /** Metrics to record into (default: new ones subscribed to `engine` for its lifetime). */
  metrics?: HttpMetrics;
  /** Receives one line per request (method, route pattern, status, duration); default none. */
  logRequest?: (line: RequestLogLine) => void;
  /** Receives server faults (5xx) with their cause; default: written to stderr. */
  onError?: (error: unknown) => void;
}

const insecureLocalMark: unique symbol = Symbol.for("durably.http.insecureLocal");

/** Creates the API app (routes, validation, auth, limits, metrics, problem responses). */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const { engine, auth } = options;
  const limits = resolveHttpLimits(options.limits);
  const metrics = options.metrics ?? createHttpMetrics(engine);
  const reportFault = options.onError ?? defaultFaultReporter;
  const app: HttpApp = new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
  if ("insecureLocal" in auth) {
    if (auth.insecureLocal !== true)
      throw new ServerError("INVALID_ARGUMENT", "auth.insecureLocal must be true when given.");
    Object.defineProperty(app, insecureLocalMark, { value: true });
  }

  // Order matters: observation wraps everything, authentication runs before any route.
  app.use("*", observeRequests(metrics, options.logRequest));
  app.use("*", authenticate(auth, publicPaths));

  const deps: RouteDeps = { engine, limits };
  registerStartRoute(app, deps);
  registerExecutionRoutes(app, deps);
  registerJournalRoutes(app, deps);
  registerCallbackRoutes(app, deps);
  registerSystemRoutes(app, deps, metrics);
  registerSecurityScheme(app);

  app.notFound((c) =>
    problemResponse(
      toProblem(
        new ServerError(
          "NOT_FOUND",
          `No route ${c.req.method} ${c.req.path}. Percent-encode ARNs and callback ids in paths (they contain "/").`,
        ),
      ),
    ),
  );
  app.onError((error) => {
    const reply = toProblem(error);
    if (reply.isServerFault) reportFault(error);
    return problemResponse(reply);
  });
  return app;
}

/** True when `app` was created with `{ insecureLocal: true }` (it must listen on loopback only). */
export function isInsecureLocalApp(app: HttpApp): boolean {
  return (app as unknown as Record<symbol, unknown>)[insecureLocalMark] === true;
}

function defaultFaultReporter(error: unknown): void {
  console.error("[durably http] request failed:", error);
}
