import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.ts";
import { ExitCode, exitCodeForError } from "../exit-codes.ts";
import {
  createApiClient,
  fromExecutionView,
  networkCause,
  problemError,
  reviveOperation,
} from "./api-client.ts";

const base = "http://127.0.0.1:3000";

describe("problemError", () => {
  it("turns 401 into UNAUTHORIZED (exit 5) with a hint about DURABLY_API_TOKEN", () => {
    const error = problemError(
      401,
      JSON.stringify({ code: "UNAUTHORIZED", detail: "Missing header." }),
      base,
      false,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe(`The server at ${base} refused the request: Missing header.`);
    expect((error as CliError).hint).toBe("Set DURABLY_API_TOKEN to an API token of the server.");
    expect(exitCodeForError(error)).toBe(ExitCode.UNAUTHORIZED);
  });

  it("keeps the API's code, so a finished execution exits 6 and an unknown one 2", () => {
    const closed = problemError(
      409,
      JSON.stringify({ code: "EXECUTION_CLOSED", detail: "already STOPPED" }),
      base,
      true,
    );
    expect(closed.message).toBe("already STOPPED");
    expect(exitCodeForError(closed)).toBe(ExitCode.EXECUTION_CLOSED);
    expect(
      exitCodeForError(
        problemError(404, JSON.stringify({ code: "NOT_FOUND", detail: "x" }), base, true),
      ),
    ).toBe(ExitCode.USAGE);
    expect(
      exitCodeForError(
        problemError(403, JSON.stringify({ code: "FORBIDDEN", detail: "x" }), base, true),
      ),
    ).toBe(ExitCode.UNAUTHORIZED);
  });

  it("treats 503 and bodies that are not problems as what their status says", () => {
    expect(exitCodeForError(problemError(503, "", base, true))).toBe(ExitCode.UNREACHABLE);
    expect(exitCodeForError(problemError(500, "<html>", base, true))).toBe(ExitCode.INTERNAL);
    expect(problemError(418, "<html>", base, true).message).toBe("HTTP 418");
  });
});

describe("createApiClient", () => {
  it("rejects a --url that is not an http URL", () => {
    expect(() => createApiClient("localhost:3000", undefined)).toThrow(
      '--url "localhost:3000" must be an http: or https: URL.',
    );
    expect(() => createApiClient("::", undefined)).toThrow('--url "::" is not a URL.');
  });
});

describe("networkCause", () => {
  it("digs the system error code out of fetch's generic failure", () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: { code: "ECONNREFUSED" },
    });
    expect(networkCause(refused)).toBe("ECONNREFUSED");
    const both = Object.assign(new TypeError("fetch failed"), {
      cause: { errors: [{ code: "ECONNREFUSED" }] },
    });
    expect(networkCause(both)).toBe("ECONNREFUSED");
  });
});

describe("wire shapes", () => {
  it("reads an execution of the API in the engine's shape", () => {
    expect(
      fromExecutionView({
        DurableExecutionArn: "arn:x",
        DurableExecutionName: "n1",
        FunctionName: "f",
        Status: "SUCCEEDED",
        StartTimestamp: "2025-01-01T00:00:00.000Z",
        EndTimestamp: "2025-01-01T00:00:01.000Z",
        Result: '"ok"',
      }),
    ).toEqual({
      executionId: "arn:x",
      name: "n1",
      functionName: "f",
      status: "SUCCEEDED",
      startedAt: Date.UTC(2025, 0, 1),
      endedAt: Date.UTC(2025, 0, 1) + 1000,
      result: '"ok"',
    });
  });

  it("turns an operation's instants back into Dates", () => {
    const operation = reviveOperation({
      Id: "1",
      Type: "WAIT",
      Status: "STARTED",
      StartTimestamp: "2025-01-01T00:00:00.000Z",
      WaitDetails: { ScheduledEndTimestamp: "2025-01-01T00:01:00.000Z" },
    });
    expect(operation.StartTimestamp).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(operation.WaitDetails?.ScheduledEndTimestamp).toEqual(
      new Date(Date.UTC(2025, 0, 1, 0, 1)),
    );
  });
});
