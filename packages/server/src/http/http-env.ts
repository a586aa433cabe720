/**
 * The hono environment of the API: what the Node adapter binds, and what middleware hands to handlers.
 */
import type { IncomingMessage } from "node:http";
import type { Engine } from "@durably/engine";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ResolvedHttpLimits } from "./http-limits.ts";

/** What a token may do: everything, or only complete and heartbeat callbacks. */
export type ApiScope = "admin" | "callbacks";

/** Hono environment of the API app. */
export interface HttpEnv {
  /** Set by @hono/node-server; absent when the app is called without it (then loopback checks fail closed). */
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    /** Scopes of the authenticated caller. */
    scopes: ReadonlySet<ApiScope>;
  };
}

/** The API app. */
export type HttpApp = OpenAPIHono<HttpEnv>;

/** What route modules need to serve requests. */
export interface RouteDeps {
  engine: Engine;
  limits: ResolvedHttpLimits;
}
