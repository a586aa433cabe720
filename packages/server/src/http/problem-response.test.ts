import { DurablyError } from "@durably/store";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { problemStatus, statusOfProblemCode } from "./problem-status.ts";
import { problemResponse, toProblem } from "./problem-response.ts";
import { ServerError } from "./server-error.ts";

describe("the code → status table", () => {
  it("maps every code to one status", () => {
    expect(problemStatus).toEqual({
      INVALID_ARGUMENT: 400,
      INVALID_CHECKPOINT: 400,
      NOT_FOUND: 404,
      EXECUTION_CLOSED: 409,
      ALREADY_EXISTS: 409,
      CONFLICT: 409,
      STALE_TOKEN: 409,
      UNAVAILABLE: 503,
      CLOSED: 503,
      CORRUPT: 500,
      INTERNAL: 500,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      VALIDATION_FAILED: 400,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
    });
  });

  it("treats a code it does not know as a server fault", () => {
    expect(statusOfProblemCode("SOMETHING_NEW")).toBe(500);
    expect(statusOfProblemCode("toString")).toBe(500);
  });
});

describe("toProblem", () => {
  it("keeps a client error's code and message", () => {
    const reply = toProblem(new DurablyError("NOT_FOUND", "Execution x not found."));
    expect(reply).toEqual({
      problem: {
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "Execution x not found.",
        code: "NOT_FOUND",
      },
      headers: {},
      isServerFault: false,
    });
  });

  it("carries a server error's issues and headers", () => {
    const error = new ServerError("UNAUTHORIZED", "No token.", {
      headers: { "www-authenticate": "Bearer" },
      issues: [{ location: "body", path: "a", message: "bad" }],
    });
    const reply = toProblem(error);
    expect(reply.problem).toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
      issues: [{ path: "a" }],
    });
    expect(reply.headers).toEqual({ "www-authenticate": "Bearer" });
  });

  it("hides the message of a server fault and flags it", () => {
    const reply = toProblem(new Error("connection string postgres://secret@db"));
    expect(reply.isServerFault).toBe(true);
    expect(reply.problem).toMatchObject({ status: 500, code: "INTERNAL" });
    expect(reply.problem.detail).not.toContain("secret");
    const unavailable = toProblem(new DurablyError("UNAVAILABLE", "pool exhausted at 10.0.0.3"));
    expect(unavailable.problem).toMatchObject({ status: 503, code: "UNAVAILABLE" });
    expect(unavailable.problem.detail).not.toContain("10.0.0.3");
  });

  it.each([
    [400, "VALIDATION_FAILED"],
    [413, "PAYLOAD_TOO_LARGE"],
    [415, "UNSUPPORTED_MEDIA_TYPE"],
  ] as const)("maps hono's %d rejection to %s", (status, code) => {
    const reply = toProblem(
      new HTTPException(status, { message: "Malformed JSON in request body" }),
    );
    expect(reply.problem).toMatchObject({ status, code });
  });

  it("renders application/problem+json with the error's headers", async () => {
    const response = problemResponse(
      toProblem(new ServerError("FORBIDDEN", "No.", { headers: { "www-authenticate": "Bearer" } })),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toMatchObject({ code: "FORBIDDEN", detail: "No." });
  });
});
