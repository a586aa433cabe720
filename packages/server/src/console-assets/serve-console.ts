/**
 * Serves the built web console (packages/server/console/dist) in front of the API: the files
 * themselves, index.html for the console's own routes (`/`, `/executions…`), and nothing else, so
 * every other path (the API, unknown routes) goes on to the next handler.
 *
 * The files hold no data and must load before the console can ask for a token, so they are served
 * without authentication; every API call the console makes carries the bearer token.
 */
import { fileURLToPath } from "node:url";
import type { MiddlewareHandler } from "hono";
import { directoryConsoleFiles } from "./console-files.ts";
import type { ConsoleFiles } from "./console-files.ts";
import { contentTypeOf } from "./content-types.ts";

/** Options of {@link createConsoleAssets}, {@link serveConsole} and {@link withConsole}. */
export interface ServeConsoleOptions {
  /** Folder of the built console (default: this package's console/dist). */
  directory?: string;
  /** Where files are read from instead of `directory` (tests). */
  files?: ConsoleFiles;
}

/** Answers console requests; `undefined` means "not a console path", for the next handler. */
export interface ConsoleAssets {
  handle(request: Request): Promise<Response | undefined>;
}

/** Paths the console routes in the browser (see console/src/routing/route.ts); each gets index.html. */
const consoleRoutes = /^\/(?:executions(?:\/[^/]*)?)?$/;

/** Hashed by Vite, so a name never changes content: cache for a year. */
const immutable = "public, max-age=31536000, immutable";

/**
 * The page loads only its own files and may be framed by nobody; the token it keeps may travel
 * to this origin only.
 */
const htmlHeaders: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/** The default folder: console/dist beside src/ and dist/ of this package. */
export function defaultConsoleDirectory(): string {
  return fileURLToPath(new URL("../../console/dist/", import.meta.url));
}

/** The console's files and routes. */
export function createConsoleAssets(options: ServeConsoleOptions = {}): ConsoleAssets {
  const files =
    options.files ?? directoryConsoleFiles(options.directory ?? defaultConsoleDirectory());
  return {
    async handle(request) {
      if (request.method !== "GET" && request.method !== "HEAD") return undefined;
      const isHead = request.method === "HEAD";
      const path = new URL(request.url).pathname;
      const isRoute = consoleRoutes.test(path);
      const relativePath = isRoute ? "index.html" : consoleFilePath(path);
      if (relativePath === undefined) return undefined;
      const found = await files.read(relativePath);
      if (found === undefined) return isRoute ? notBuilt(isHead) : undefined;
      const headers: Record<string, string> = {
        "content-type": contentTypeOf(relativePath),
        "cache-control": relativePath.startsWith("assets/") ? immutable : "no-cache",
        etag: found.etag,
        ...(relativePath.endsWith(".html") ? htmlHeaders : { "x-content-type-options": "nosniff" }),
      };
      if (request.headers.get("if-none-match") === found.etag)
        return new Response(null, { status: 304, headers });
      return new Response(isHead ? null : found.bytes, { status: 200, headers });
    },
  };
}

/** Hono middleware serving the console; register it before authentication (see the module comment). */
export function serveConsole(options: ServeConsoleOptions = {}): MiddlewareHandler {
  const assets = createConsoleAssets(options);
  return async (c, next) => (await assets.handle(c.req.raw)) ?? next();
}

/** Wraps a fetch handler (e.g. `app.fetch`) so console paths are answered first. */
export function withConsole<Env>(
  fetch: (request: Request, env: Env) => Response | Promise<Response>,
  options: ServeConsoleOptions = {},
): (request: Request, env: Env) => Promise<Response> {
  const assets = createConsoleAssets(options);
  return async (request, env) => (await assets.handle(request)) ?? fetch(request, env);
}

/** The relative file path a URL path names, or undefined when it could leave the console's folder. */
export function consoleFilePath(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // Dot segments, backslashes and NULs could climb out of the folder; no console file needs them.
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\"))
    return undefined;
  const parts = decoded.slice(1).split("/");
  if (parts.some((part) => part === "" || part === "." || part === "..")) return undefined;
  return parts.join("/");
}

function notBuilt(isHead: boolean): Response {
  const body =
    "<!doctype html><title>Durably console not built</title><p>The web console is not built. Run <code>npm run build:console -w @durably/server</code> (or <code>npm run build</code>) and reload. The HTTP API works without it.</p>";
  return new Response(isHead ? null : body, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...htmlHeaders,
    },
  });
}
