/**
 * The HTTP API as the CLI calls it (`--url`). Errors come back as the API's own codes (problem
 * responses), so one table maps them to exit codes; a server that cannot be reached, or refuses
 * the token, gets a message saying what to check.
 */
import type { ExecutionSummary } from "@durably/engine";
import type { ErrorObject, ExecutionStatus, Operation } from "@durably/sdk/protocol";
import type { ExecutionView } from "../../http/execution-view.ts";
import type { ProblemCode } from "../../http/server-error.ts";
import { ServerError } from "../../http/server-error.ts";
import { problemStatus } from "../../http/problem-status.ts";
import { CliError } from "../cli-error.ts";

/** Environment variable holding the token `--url` commands send. */
export const apiTokenVariable = "DURABLY_API_TOKEN";

/** A client of one server. */
export interface ApiClient {
  startExecution(
    functionName: string,
    request: { input?: unknown; name?: string | undefined },
  ): Promise<{ execution: ExecutionSummary; created: boolean }>;
  getExecution(executionId: string): Promise<ExecutionSummary>;
  /** The execution with this id, else the one with this exact name. */
  findExecution(idOrName: string, functionName?: string): Promise<ExecutionSummary>;
  getOperations(executionId: string): Promise<Operation[]>;
  stopExecution(executionId: string, error?: ErrorObject): Promise<void>;
  sendCallback(
    callbackId: string,
    outcome: "succeed" | "fail" | "heartbeat",
    body?: string,
  ): Promise<void>;
}

/** Creates a client of the server at `baseUrl`, sending `token` when given. */
export function createApiClient(baseUrl: string, token: string | undefined): ApiClient {
  const base = parseBaseUrl(baseUrl);
  const send = async (
    method: string,
    path: string,
    body?: string,
    type?: string,
  ): Promise<{ status: number; value: unknown }> => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token !== undefined) headers["authorization"] = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = type ?? "application/json";
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      const cause = networkCause(error);
      throw new CliError("SERVER_UNREACHABLE", `Cannot reach the server at ${base} (${cause}).`, {
        hint: "Check --url, and that `durably serve` is running there.",
        cause: error,
      });
    }
    const text = await response.text();
    if (response.ok)
      return { status: response.status, value: text === "" ? {} : (JSON.parse(text) as unknown) };
    throw problemError(response.status, text, base, token !== undefined);
  };
  const call = async (
    method: string,
    path: string,
    body?: string,
    type?: string,
  ): Promise<unknown> => (await send(method, path, body, type)).value;
  const get = async (id: string): Promise<ExecutionSummary> =>
    fromExecutionView(
      (await call("GET", `/durable-executions/${encodeURIComponent(id)}`)) as ExecutionView,
    );
  return {
    async startExecution(functionName, request) {
      const body: Record<string, unknown> = {};
      if (request.input !== undefined) body["Input"] = request.input;
      if (request.name !== undefined) body["DurableExecutionName"] = request.name;
      const { status, value } = await send(
        "POST",
        `/functions/${encodeURIComponent(functionName)}/durable-executions`,
        JSON.stringify(body),
      );
      // 201: started; 200: an execution of that name existed and comes back unchanged.
      return { execution: fromExecutionView(value as ExecutionView), created: status === 201 };
    },
    getExecution: get,
    async findExecution(idOrName, functionName) {
      try {
        return await get(idOrName);
      } catch (error) {
        if (!(error instanceof ServerError) || error.code !== "NOT_FOUND") throw error;
      }
      const query = new URLSearchParams({
        DurableExecutionNamePrefix: idOrName.slice(0, 64),
        MaxItems: "1000",
      });
      if (functionName !== undefined) query.set("FunctionName", functionName);
      const page = (await call("GET", `/durable-executions?${query.toString()}`)) as {
        DurableExecutions: {
          DurableExecutionArn: string;
          DurableExecutionName: string;
          FunctionName: string;
        }[];
      };
      const matches = page.DurableExecutions.filter(
        (item) => item.DurableExecutionName === idOrName,
      );
      const [only] = matches;
      if (only !== undefined && matches.length === 1) return get(only.DurableExecutionArn);
      if (matches.length === 0)
        throw new CliError(
          "UNKNOWN_EXECUTION",
          `No execution with id or name "${idOrName}" on ${base}.`,
        );
      throw new CliError(
        "AMBIGUOUS_EXECUTION",
        `Several functions have an execution named "${idOrName}": ${matches.map((m) => m.FunctionName).join(", ")}.`,
        { hint: "Pass --function, or use the execution id." },
      );
    },
    async getOperations(executionId) {
      const operations: Operation[] = [];
      let marker: string | undefined;
      do {
        const query = new URLSearchParams({
          MaxItems: "1000",
          ...(marker === undefined ? {} : { Marker: marker }),
        });
        const page = (await call(
          "GET",
          `/durable-executions/${encodeURIComponent(executionId)}/operations?${query.toString()}`,
        )) as { Operations: Record<string, unknown>[]; NextMarker?: string };
        operations.push(...page.Operations.map(reviveOperation));
        marker = page.NextMarker;
      } while (marker !== undefined);
      return operations;
    },
    async stopExecution(executionId, error) {
      await call(
        "POST",
        `/durable-executions/${encodeURIComponent(executionId)}/stop`,
        error === undefined ? undefined : JSON.stringify(error),
      );
    },
    async sendCallback(callbackId, outcome, body) {
      const type = outcome === "succeed" ? "application/octet-stream" : "application/json";
      await call(
        "POST",
        `/durable-execution-callbacks/${encodeURIComponent(callbackId)}/${outcome}`,
        body,
        type,
      );
    },
  };
}

/** The system's reason (ECONNREFUSED, ENOTFOUND…) behind fetch's generic "fetch failed". */
export function networkCause(error: unknown): string {
  const cause = (
    error as { cause?: { code?: unknown; errors?: { code?: unknown }[]; message?: unknown } }
  ).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (typeof code === "string") return code;
  if (typeof cause?.message === "string" && cause.message !== "") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError("INVALID_OPTION", `--url "${text}" is not a URL.`, {
      hint: "Use e.g. --url http://127.0.0.1:3000.",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CliError("INVALID_OPTION", `--url "${text}" must be an http: or https: URL.`);
  return url.href.replace(/\/+$/, "");
}

/** The error for a non-2xx answer: the API's code and detail when it sent a problem. */
export function problemError(status: number, body: string, base: string, hasToken: boolean): Error {
  let code: string | undefined;
  let detail = `HTTP ${status}`;
  try {
    const problem = JSON.parse(body) as { code?: unknown; detail?: unknown };
    if (typeof problem.code === "string") code = problem.code;
    if (typeof problem.detail === "string") detail = problem.detail;
  } catch {
    // Not a problem document (a proxy's page, say): the status says enough.
  }
  if (status === 401) {
    return new CliError("UNAUTHORIZED", `The server at ${base} refused the request: ${detail}`, {
      hint: hasToken
        ? `Check ${apiTokenVariable}: the server does not accept that token.`
        : `Set ${apiTokenVariable} to an API token of the server.`,
    });
  }
  if (status === 503 || status === 502 || status === 504)
    return new CliError(
      "SERVER_UNREACHABLE",
      `The server at ${base} is unavailable (${status}): ${detail}`,
    );
  const known =
    code !== undefined && Object.hasOwn(problemStatus, code) ? (code as ProblemCode) : undefined;
  return new ServerError(known ?? (status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT"), detail);
}

/** An execution of the API in the engine's shape, for the shared renderers. */
export function fromExecutionView(view: ExecutionView): ExecutionSummary {
  const summary: ExecutionSummary = {
    executionId: view.DurableExecutionArn,
    name: view.DurableExecutionName,
    functionName: view.FunctionName,
    status: view.Status as ExecutionStatus,
    startedAt: Date.parse(view.StartTimestamp),
  };
  if (view.EndTimestamp !== undefined) summary.endedAt = Date.parse(view.EndTimestamp);
  if (view.InputPayload !== undefined) summary.input = view.InputPayload;
  if (view.Result !== undefined) summary.result = view.Result;
  if (view.Error !== undefined) summary.error = view.Error;
  if (view.DurableConfig !== undefined)
    summary.timeoutSeconds = view.DurableConfig.ExecutionTimeout;
  return summary;
}

/** An operation from JSON, its instants back to Dates as the renderers expect. */
export function reviveOperation(json: Record<string, unknown>): Operation {
  const operation = { ...json } as Record<string, unknown>;
  for (const key of ["StartTimestamp", "EndTimestamp"]) reviveDate(operation, key);
  for (const [details, key] of [
    ["StepDetails", "NextAttemptTimestamp"],
    ["WaitDetails", "ScheduledEndTimestamp"],
  ] as const) {
    const inner = operation[details];
    if (inner !== null && typeof inner === "object") {
      const copy = { ...(inner as Record<string, unknown>) };
      reviveDate(copy, key);
      operation[details] = copy;
    }
  }
  return operation as unknown as Operation;
}

function reviveDate(record: Record<string, unknown>, key: string): void {
  const value = record[key];
  if (typeof value === "string") record[key] = new Date(value);
}
