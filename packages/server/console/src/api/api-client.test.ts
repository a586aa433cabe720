import { describe, expect, it } from "vitest";
import { ApiClient } from "./api-client.ts";
import { ApiError } from "./api-error.ts";
import { createTokenStore } from "./token-store.ts";

/** A fetch that records requests and answers from a list. */
function fakeFetch(answers: Response[]): { fetch: typeof fetch; requests: Request[] } {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    requests.push(new Request(input, init));
    const answer = answers.shift();
    if (answer === undefined) throw new TypeError("Failed to fetch");
    return answer;
  };
  return { fetch, requests };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function client(answers: Response[], token?: string) {
  const tokens = createTokenStore(undefined);
  if (token !== undefined) tokens.set(token);
  const fake = fakeFetch(answers);
  return {
    api: new ApiClient({ baseUrl: "http://durably.test/", tokens, fetch: fake.fetch }),
    ...fake,
  };
}

describe("ApiClient", () => {
  it("lists executions with the API's filter names and the bearer token", async () => {
    const { api, requests } = client(
      [json({ DurableExecutions: [], NextMarker: "m2" })],
      "secret-token",
    );
    const page = await api.listExecutions({
      statuses: ["RUNNING", "FAILED"],
      functionName: "orders",
      namePrefix: "o-1",
      marker: "m1",
      maxItems: 50,
    });
    expect(page).toEqual({ executions: [], nextMarker: "m2" });
    const url = new URL(requests[0]?.url ?? "");
    expect(url.pathname).toBe("/durable-executions");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      MaxItems: "50",
      Statuses: "RUNNING,FAILED",
      FunctionName: "orders",
      DurableExecutionNamePrefix: "o-1",
      Marker: "m1",
    });
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer secret-token");
  });

  it("sends no Authorization header without a token (insecure-local servers)", async () => {
    const { api, requests } = client([json({ DurableExecutions: [] })]);
    await api.checkAccess();
    expect(requests[0]?.headers.has("authorization")).toBe(false);
  });

  it("encodes ARNs and callback ids as one path segment", async () => {
    const arn = "arn:durably:lambda:local:0:function:f:$LATEST/durable-execution/n/1";
    const { api, requests } = client([json({}), json({})]);
    await api.getExecution(arn);
    await api.sendCallbackSuccess("ab+/cd==", '{"ok":true}');
    expect(requests[0]?.url).toBe(
      `http://durably.test/durable-executions/${encodeURIComponent(arn)}`,
    );
    expect(requests[1]?.url).toBe(
      "http://durably.test/durable-execution-callbacks/ab%2B%2Fcd%3D%3D/succeed",
    );
    expect(await requests[1]?.text()).toBe('{"ok":true}');
  });

  it("follows history and operation pages to the end", async () => {
    const { api, requests } = client([
      json({ Events: [{ EventId: 1 }], NextMarker: "h2" }),
      json({ Events: [{ EventId: 2 }] }),
      json({ Operations: [{ Id: "a" }], NextMarker: "o2" }),
      json({ Operations: [{ Id: "b" }] }),
    ]);
    expect((await api.listHistory("e")).map((event) => event.EventId)).toEqual([1, 2]);
    expect((await api.listOperations("e")).map((operation) => operation.Id)).toEqual(["a", "b"]);
    expect(new URL(requests[1]?.url ?? "").searchParams.get("Marker")).toBe("h2");
    expect(new URL(requests[3]?.url ?? "").searchParams.get("Marker")).toBe("o2");
  });

  it("turns problem documents into ApiErrors with code and issues", async () => {
    const problem = {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "The request is invalid.",
      code: "VALIDATION_FAILED",
      issues: [
        { location: "body", path: "DurableExecutionName", message: "Use 1 to 64 characters." },
      ],
    };
    const { api } = client([
      json(problem, 400),
      json({ detail: "The API token is not valid.", code: "UNAUTHORIZED" }, 401),
    ]);
    const error = await api
      .startExecution("f", { input: {}, name: "bad name" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("VALIDATION_FAILED");
    expect((error as ApiError).describe()).toBe(
      "The request is invalid. (DurableExecutionName: Use 1 to 64 characters.)",
    );
    const unauthorized = await api.checkAccess().catch((caught: unknown) => caught);
    expect((unauthorized as ApiError).isUnauthorized).toBe(true);
  });

  it("reports an unreachable server as a NETWORK error, and a non-problem error by its status", async () => {
    const { api } = client([
      new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    ]);
    const proxy = await api.getExecution("e").catch((caught: unknown) => caught);
    expect((proxy as ApiError).message).toBe("502 Bad Gateway");
    const down = await api.getExecution("e").catch((caught: unknown) => caught);
    expect((down as ApiError).code).toBe("NETWORK");
  });
});
