/** Durably's server: the HTTP API over an engine. The CLI (`durably`) is this package's bin. */

/** Creates the HTTP API app over an Engine (routes, validation, auth, limits, metrics). */
export { createHttpApp } from "./http/create-http-app.ts";
/** Options of createHttpApp. */
export type { HttpAppOptions } from "./http/create-http-app.ts";
/** Serves an app on Node's http server, with graceful close. */
export { startHttpServer } from "./http/start-http-server.ts";
/** Options and handle of startHttpServer. */
export type { HttpServerOptions, RunningHttpServer } from "./http/start-http-server.ts";
/** The API app type and the scopes a token may carry. */
export type { ApiScope, HttpApp } from "./http/http-env.ts";
/** How the API authenticates: tokens with scopes, or insecure-local. */
export type { ApiToken, HttpAuth } from "./http/bearer-auth.ts";
/** Body size and wait limits of the API. */
export type { HttpLimits } from "./http/http-limits.ts";
/** Prometheus metrics fed by engine events and requests. */
export { createHttpMetrics } from "./http/http-metrics.ts";
/** The metrics handle createHttpMetrics returns. */
export type { HttpMetrics } from "./http/http-metrics.ts";
/** One request log line (method, route pattern, status, duration). */
export type { RequestLogLine } from "./http/observe-requests.ts";
/** The server's own errors and their codes. */
export { ServerError } from "./http/server-error.ts";
/** Codes of ServerError, and every code a problem response can carry. */
export type { ProblemCode, ServerErrorCode, ValidationIssue } from "./http/server-error.ts";
/** The one table from error codes to HTTP statuses. */
export { problemStatus } from "./http/problem-status.ts";
/** The body of every error response (RFC 9457 with a stable `code`). */
export type { Problem } from "./http/problem-response.ts";
/** The built web console: hono middleware (mount before authentication), a fetch wrapper, or the raw handler. */
export { createConsoleAssets, serveConsole, withConsole } from "./console-assets/index.ts";
/** Options and handler type of the console assets. */
export type { ConsoleAssets, ServeConsoleOptions } from "./console-assets/index.ts";
