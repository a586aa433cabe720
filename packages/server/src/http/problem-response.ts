/**
 * Turns any error into an RFC 9457 `application/problem+json` response with a stable `code`.
 * Client mistakes keep their message; server faults get a generic one (their details may name
 * internals) and are reported instead.
 */
import { STATUS_CODES } from "node:http";
import { DurablyError } from "@durably/store";
import { HTTPException } from "hono/http-exception";
import { statusOfProblemCode } from "./problem-status.ts";
import { ServerError } from "./server-error.ts";
import type { ValidationIssue } from "./server-error.ts";

/** The body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  issues?: ValidationIssue[] | undefined;
}

/** A problem and the headers that go with it. */
export interface ProblemReply {
  problem: Problem;
  headers: Record<string, string>;
  /** True for a fault of the server (5xx), which the caller should report. */
  isServerFault: boolean;
}

/** Media type of error responses. */
const problemMediaType = "application/problem+json";

/** The problem describing `error`. */
export function toProblem(error: unknown): ProblemReply {
  const known = asDurablyError(error);
  const code = known?.code ?? "INTERNAL";
  const status = statusOfProblemCode(code);
  const isServerFault = status >= 500;
  const problem: Problem = {
    type: "about:blank",
    title: STATUS_CODES[status] ?? "Error",
    status,
    detail:
      known === undefined || isServerFault
        ? "The server failed to handle the request; nothing was changed by this failure. Try again later."
        : known.message,
    code,
  };
  if (known instanceof ServerError && known.issues.length > 0) problem.issues = known.issues;
  const headers = known instanceof ServerError ? known.headers : {};
  return { problem, headers, isServerFault };
}

/** The HTTP response for `reply`. */
export function problemResponse(reply: ProblemReply): Response {
  return new Response(JSON.stringify(reply.problem), {
    status: reply.problem.status,
    headers: { ...reply.headers, "content-type": problemMediaType },
  });
}

// Hono's own rejections (malformed JSON, unsupported media type) become the server's codes.
function asDurablyError(error: unknown): DurablyError | undefined {
  if (DurablyError.is(error)) return error;
  if (!(error instanceof HTTPException)) return undefined;
  if (error.status === 413)
    return new ServerError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  if (error.status === 415) {
    return new ServerError(
      "UNSUPPORTED_MEDIA_TYPE",
      "The request body has an unsupported Content-Type; send JSON with Content-Type: application/json.",
    );
  }
  if (error.status === 400) return new ServerError("VALIDATION_FAILED", `${error.message}.`);
  return undefined;
}
