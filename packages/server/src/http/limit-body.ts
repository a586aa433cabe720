/**
 * Request body size limits, checked before the body is parsed (from Content-Length, or while a
 * chunked body streams in), so an oversized request is refused without being buffered whole.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { HttpEnv } from "./http-env.ts";
import { ServerError } from "./server-error.ts";

/** Middleware refusing bodies over `maxBytes` with PAYLOAD_TOO_LARGE. */
export function limitBody(maxBytes: number, what: string): MiddlewareHandler<HttpEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ServerError(
        "PAYLOAD_TOO_LARGE",
        `The ${what} is larger than ${maxBytes} bytes; nothing was changed.`,
        // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
        { headers: { connection: "close" } },
      );
    },
  });
}
