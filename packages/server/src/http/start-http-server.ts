/**
 * `startHttpServer`: serves an API app on Node's http server, and closes it gracefully: stop
 * accepting, let requests in flight finish (up to a grace period), then cut what is left.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { isInsecureLocalApp } from "./create-http-app.ts";
import type { HttpApp } from "./http-env.ts";
import { isLoopbackHost } from "./loopback.ts";
import { ServerError } from "./server-error.ts";

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  app: HttpApp;
  /** Address to bind, e.g. "127.0.0.1", "::1" or "0.0.0.0". */
  host: string;
  /** Port; 0 picks a free one (read it from `url`). */
  port: number;
  /**
   * Handler to serve instead of `app.fetch`, e.g. `withConsole(app.fetch)`; `app` still decides
   * whether the server must stay on loopback.
   */
  fetch?: HttpApp["fetch"];
  /** How long `close()` lets requests in flight finish before cutting them (default 10 000 ms). */
  shutdownGraceMs?: number;
}

/** A listening server. */
export interface RunningHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Stops accepting connections and resolves once every connection is closed (idempotent). */
  close(): Promise<void>;
}

/** Starts listening; rejects when the address cannot be bound, or an insecure app is bound beyond loopback. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { app, host, port } = options;
  if (isInsecureLocalApp(app) && !isLoopbackHost(host)) {
    throw new ServerError(
      "INVALID_ARGUMENT",
      `Refusing to serve without API tokens on ${host}: insecure-local mode listens on loopback only (127.0.0.1, ::1 or localhost). Configure tokens to listen on other addresses.`,
    );
  }
  // overrideGlobalObjects: false keeps the adapter from replacing the process's Request/Response.
  const listener = getRequestListener(options.fetch ?? app.fetch, { overrideGlobalObjects: false });
  const server = createServer((request, response) => {
    // The adapter answers errors itself; a rejection here means the socket is already broken.
    listener(request, response).catch(() => response.destroy());
  });
  // Responses still to be written; on close they get `Connection: close`, so keep-alive
  // connections end with their last response instead of idling until their timeout.
  const pending = new Set<ServerResponse>();
  let isClosing = false;
  server.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    if (isClosing) response.setHeader("connection", "close");
    pending.add(response);
    response.once("close", () => pending.delete(response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const graceMs = options.shutdownGraceMs ?? 10_000;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        isClosing = true;
        for (const response of pending)
          if (!response.headersSent) response.setHeader("connection", "close");
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.once("close", () => clearTimeout(cut));
      });
      return closing;
    },
  };
}
