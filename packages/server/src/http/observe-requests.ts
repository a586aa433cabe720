/**
 * Request logging and HTTP metrics. A log line carries the method, the route pattern (never the
 * concrete path: it holds execution ARNs and callback ids, and a callback id lets anyone complete
 * the callback), the status and the duration; never headers, tokens or payloads.
 */
import { performance } from "node:perf_hooks";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { HttpEnv } from "./http-env.ts";
import type { HttpMetrics } from "./http-metrics.ts";

/** One request log line. */
export interface RequestLogLine {
  method: string;
  /** Route pattern, e.g. `/durable-executions/:DurableExecutionArn`; `(unmatched)` when none matched. */
  route: string;
  status: number;
  durationMs: number;
}

/** Middleware measuring every request; `log` receives one line per request when given. */
export function observeRequests(
  metrics: HttpMetrics,
  log: ((line: RequestLogLine) => void) | undefined,
): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const startedAt = performance.now();
    await next();
    const durationMs = performance.now() - startedAt;
    // The handler's route is the last matched one that is not a catch-all middleware.
    const route =
      matchedRoutes(c)
        .filter((r) => r.method !== "ALL")
        .at(-1)?.path ?? "(unmatched)";
    const line: RequestLogLine = { method: c.req.method, route, status: c.res.status, durationMs };
    metrics.observeRequest(line.method, line.route, line.status, line.durationMs);
    log?.(line);
  };
}
