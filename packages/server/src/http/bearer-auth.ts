/**
 * API tokens: `Authorization: Bearer <token>` checked in constant time, and scopes per route.
 * Tokens are compared as SHA-256 digests with timingSafeEqual, so neither a token's length nor the
 * position of its first wrong character shows in the response time; every token is compared on
 * every request for the same reason.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ApiScope, HttpEnv } from "./http-env.ts";
import { isLoopbackAddress } from "./loopback.ts";
import { ServerError } from "./server-error.ts";

/** One accepted token and what it may do. */
export interface ApiToken {
  token: string;
  scopes: readonly ApiScope[];
}

/** How the API authenticates callers: tokens, or nobody at all on a loopback-only server. */
export type HttpAuth = { tokens: readonly ApiToken[] } | { insecureLocal: true };

/** Shortest token accepted: shorter ones are guessable. */
const minTokenLength = 16;

const tokenSyntax = /^[A-Za-z0-9._~+/-]+=*$/;
const scopeNames: ReadonlySet<string> = new Set<ApiScope>(["admin", "callbacks"]);
const adminOnly: ReadonlySet<ApiScope> = new Set<ApiScope>(["admin"]);

interface Entry {
  digest: Buffer;
  scopes: ReadonlySet<ApiScope>;
}

/** Matches presented tokens against the configured ones. */
export class TokenVerifier {
  readonly #entries: Entry[];

  /** Throws INVALID_ARGUMENT for an empty list, a short or unsendable token, a duplicate or an unknown scope. */
  constructor(tokens: readonly ApiToken[]) {
    if (tokens.length === 0) {
      throw new ServerError(
        "INVALID_ARGUMENT",
        "No API token configured: give at least one token, or use { insecureLocal: true } on a loopback address.",
      );
    }
    const seen = new Set<string>();
    this.#entries = tokens.map((entry, index) => {
      const where = `API token #${index + 1}`;
      if (typeof entry.token !== "string" || entry.token.length < minTokenLength)
        throw invalid(`${where} is shorter than ${minTokenLength} characters.`);
      if (!tokenSyntax.test(entry.token))
        throw invalid(
          `${where} has characters a Bearer header cannot carry; use [A-Za-z0-9._~+/-].`,
        );
      if (seen.has(entry.token)) throw invalid(`${where} is listed twice.`);
      seen.add(entry.token);
      if (entry.scopes.length === 0 || entry.scopes.some((s) => !scopeNames.has(s)))
        throw invalid(`${where} needs scopes from "admin" and "callbacks".`);
      return { digest: digest(entry.token), scopes: new Set(entry.scopes) };
    });
  }

  /** The scopes of `presented`, or undefined when it is no configured token. */
  verify(presented: string): ReadonlySet<ApiScope> | undefined {
    const candidate = digest(presented);
    let match: ReadonlySet<ApiScope> | undefined;
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, candidate)) match = entry.scopes;
    }
    return match;
  }
}

/** Middleware that authenticates every request but those to `publicPaths`, setting `scopes`. */
export function authenticate(
  auth: HttpAuth,
  publicPaths: ReadonlySet<string>,
): MiddlewareHandler<HttpEnv> {
  const verifier = "tokens" in auth ? new TokenVerifier(auth.tokens) : undefined;
  return async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    if (verifier === undefined) {
      // Insecure-local mode: the bind address is checked at listen time; this guards each request too.
      if (!isLoopbackAddress(c.env?.incoming?.socket.remoteAddress))
        throw unauthorized("This server accepts requests without a token from loopback only.");
      c.set("scopes", adminOnly);
      return next();
    }
    const header = c.req.header("authorization");
    if (header === undefined) throw unauthorized("Missing Authorization: Bearer <token> header.");
    const match = /^Bearer +(\S+) *$/i.exec(header);
    const scopes = match?.[1] === undefined ? undefined : verifier.verify(match[1]);
    if (scopes === undefined) throw unauthorized("The API token is not valid.", "invalid_token");
    c.set("scopes", scopes);
    return next();
  };
}

/** Middleware letting through callers with `scope` (admin may do everything). */
export function requireScope(scope: ApiScope): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const scopes = c.get("scopes") as ReadonlySet<ApiScope> | undefined;
    if (scopes === undefined || (!scopes.has(scope) && !scopes.has("admin"))) {
      throw new ServerError(
        "FORBIDDEN",
        `This API token may not do that: the route needs the "${scope}" scope.`,
        {
          headers: {
            "www-authenticate": `Bearer realm="durably", error="insufficient_scope", scope="${scope}"`,
          },
        },
      );
    }
    return next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function invalid(message: string): ServerError {
  return new ServerError("INVALID_ARGUMENT", message);
}

function unauthorized(message: string, error?: "invalid_token"): ServerError {
  const challenge =
    error === undefined ? `Bearer realm="durably"` : `Bearer realm="durably", error="${error}"`;
  return new ServerError("UNAUTHORIZED", message, { headers: { "www-authenticate": challenge } });
}
