/**
 * The console's only way to the server: the HTTP API (routes of packages/server/src/http), with
 * the bearer token of this tab. Paged listings of one execution are followed to the end.
 */
import type { ApiEvent, ApiOperation, ErrorObject, ExecutionStatus } from "./api-types.ts";
import type { ExecutionListItem, ExecutionView } from "./api-types.ts";
import { ApiError, apiErrorOf } from "./api-error.ts";
import type { TokenStore } from "./token-store.ts";

/** Filters and page of {@link ApiClient.listExecutions}. */
export interface ListExecutionsRequest {
  statuses: readonly ExecutionStatus[];
  functionName: string | undefined;
  namePrefix: string | undefined;
  marker: string | undefined;
  maxItems: number;
}

/** A page of executions and the marker of the next one. */
export interface ExecutionPage {
  executions: ExecutionListItem[];
  nextMarker: string | undefined;
}

/** Options of {@link ApiClient}. */
export interface ApiClientOptions {
  /** Origin and path prefix of the API ("" for the console's own origin). */
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
}

const journalPageSize = 1000;

/** Calls the Durably HTTP API. */
export class ApiClient {
  readonly #baseUrl: string;
  readonly #tokens: TokenStore;
  readonly #fetch: typeof fetch;

  /** A client for the API at `baseUrl`. */
  constructor(options: ApiClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#tokens = options.tokens;
    // Bound: calling fetch as a method of another object throws "Illegal invocation".
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** A page of executions, newest first. */
  async listExecutions(
    request: ListExecutionsRequest,
    signal?: AbortSignal,
  ): Promise<ExecutionPage> {
    const query = new URLSearchParams({ MaxItems: String(request.maxItems) });
    if (request.statuses.length > 0) query.set("Statuses", request.statuses.join(","));
    if (request.functionName !== undefined) query.set("FunctionName", request.functionName);
    if (request.namePrefix !== undefined)
      query.set("DurableExecutionNamePrefix", request.namePrefix);
    if (request.marker !== undefined) query.set("Marker", request.marker);
    const body = await this.#json<{ DurableExecutions: ExecutionListItem[]; NextMarker?: string }>(
      `/durable-executions?${query}`,
      { signal },
    );
    return { executions: body.DurableExecutions, nextMarker: body.NextMarker };
  }

  /** One execution with its input, result or error. */
  getExecution(executionArn: string, signal?: AbortSignal): Promise<ExecutionView> {
    return this.#json<ExecutionView>(executionPath(executionArn), { signal });
  }

  /** Every operation of the execution, in creation order (all pages). */
  async listOperations(executionArn: string, signal?: AbortSignal): Promise<ApiOperation[]> {
    const operations: ApiOperation[] = [];
    let marker: string | undefined;
    do {
      const query = new URLSearchParams({ MaxItems: String(journalPageSize) });
      if (marker !== undefined) query.set("Marker", marker);
      const page = await this.#json<{ Operations: ApiOperation[]; NextMarker?: string }>(
        `${executionPath(executionArn)}/operations?${query}`,
        { signal },
      );
      operations.push(...page.Operations);
      marker = page.NextMarker;
    } while (marker !== undefined);
    return operations;
  }

  /** Every history event of the execution, by EventId (all pages). */
  async listHistory(executionArn: string, signal?: AbortSignal): Promise<ApiEvent[]> {
    const events: ApiEvent[] = [];
    let marker: string | undefined;
    do {
      const query = new URLSearchParams({ MaxItems: String(journalPageSize) });
      if (marker !== undefined) query.set("Marker", marker);
      const page = await this.#json<{ Events: ApiEvent[]; NextMarker?: string }>(
        `${executionPath(executionArn)}/history?${query}`,
        { signal },
      );
      events.push(...page.Events);
      marker = page.NextMarker;
    } while (marker !== undefined);
    return events;
  }

  /** Starts an execution of `functionName`; the name makes it idempotent. */
  startExecution(
    functionName: string,
    request: { input: unknown; name: string | undefined },
  ): Promise<ExecutionView> {
    const body: Record<string, unknown> = {};
    if (request.input !== undefined) body["Input"] = request.input;
    if (request.name !== undefined) body["DurableExecutionName"] = request.name;
    return this.#json<ExecutionView>(
      `/functions/${encodeURIComponent(functionName)}/durable-executions`,
      {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      },
    );
  }

  /** Stops a running execution, recording `error` when given. */
  async stopExecution(executionArn: string, error: ErrorObject | undefined): Promise<void> {
    await this.#json<unknown>(`${executionPath(executionArn)}/stop`, {
      method: "POST",
      body: JSON.stringify(error ?? {}),
      headers: { "content-type": "application/json" },
    });
  }

  /** Completes a callback; `result` is stored as the callback's text result (empty ⇒ none). */
  async sendCallbackSuccess(callbackId: string, result: string): Promise<void> {
    await this.#json<unknown>(`${callbackPath(callbackId)}/succeed`, {
      method: "POST",
      body: result,
      headers: { "content-type": "application/octet-stream" },
    });
  }

  /** Fails a callback with `error`. */
  async sendCallbackFailure(callbackId: string, error: ErrorObject): Promise<void> {
    await this.#json<unknown>(`${callbackPath(callbackId)}/fail`, {
      method: "POST",
      body: JSON.stringify(error),
      headers: { "content-type": "application/json" },
    });
  }

  /** Resolves when the token (or no token, on an insecure-local server) may read executions. */
  async checkAccess(signal?: AbortSignal): Promise<void> {
    await this.listExecutions(
      {
        statuses: [],
        functionName: undefined,
        namePrefix: undefined,
        marker: undefined,
        maxItems: 1,
      },
      signal,
    );
  }

  async #json<T>(
    path: string,
    init: Omit<RequestInit, "signal"> & { signal?: AbortSignal | undefined },
  ): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set("accept", "application/json");
    const token = this.#tokens.get();
    if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${path}`, {
        ...init,
        headers,
        signal: init.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError(
        0,
        "NETWORK",
        "The server could not be reached; check that it is running.",
      );
    }
    if (!response.ok) throw await apiErrorOf(response);
    return (await response.json()) as T;
  }
}

/** The API path of an execution (its ARN is one percent-encoded segment). */
export function executionPath(executionArn: string): string {
  return `/durable-executions/${encodeURIComponent(executionArn)}`;
}

function callbackPath(callbackId: string): string {
  return `/durable-execution-callbacks/${encodeURIComponent(callbackId)}`;
}
