/**
 * The console's addresses. Execution ids are ARN-like (they contain ":" and "/"), so they travel
 * as one encoded path segment; the server answers every such path with index.html.
 */
import type { ExecutionStatus } from "../api/api-types.ts";

/** Filters of the executions list, as kept in the address bar. */
export interface ExecutionFilters {
  statuses: ExecutionStatus[];
  functionName: string | undefined;
  /** An execution id or the start of an execution name. */
  search: string | undefined;
}

/** The tabs of an execution page. */
export type ExecutionTab = "timeline" | "history";

/** Where the console is. */
export type Route =
  | { page: "executions"; filters: ExecutionFilters }
  | { page: "execution"; executionId: string; tab: ExecutionTab; operationId: string | undefined }
  | { page: "not-found"; path: string };

const statuses: readonly ExecutionStatus[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "STOPPED",
];
const tabs: readonly ExecutionTab[] = ["timeline", "history"];

/** Reads a route from a path and query string. */
export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/" || path === "/executions") {
    const wanted = (query.get("status") ?? "").split(",");
    return {
      page: "executions",
      filters: {
        statuses: statuses.filter((status) => wanted.includes(status)),
        functionName: nonEmpty(query.get("function")),
        search: nonEmpty(query.get("q")),
      },
    };
  }
  const match = /^\/executions\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    const tab = query.get("tab");
    return {
      page: "execution",
      executionId: safeDecode(match[1]),
      tab: tabs.find((candidate) => candidate === tab) ?? "timeline",
      operationId: nonEmpty(query.get("op")),
    };
  }
  return { page: "not-found", path: pathname };
}

/** The address of a route (path and query). */
export function routeHref(route: Route): string {
  switch (route.page) {
    case "executions": {
      const query = new URLSearchParams();
      if (route.filters.statuses.length > 0) query.set("status", route.filters.statuses.join(","));
      if (route.filters.functionName !== undefined)
        query.set("function", route.filters.functionName);
      if (route.filters.search !== undefined) query.set("q", route.filters.search);
      const text = query.toString();
      return text === "" ? "/" : `/?${text}`;
    }
    case "execution": {
      const query = new URLSearchParams();
      if (route.tab !== "timeline") query.set("tab", route.tab);
      if (route.operationId !== undefined) query.set("op", route.operationId);
      const text = query.toString();
      return `/executions/${encodeURIComponent(route.executionId)}${text === "" ? "" : `?${text}`}`;
    }
    case "not-found":
      return route.path;
  }
}

/** The link to one execution. */
export function executionHref(executionId: string, tab: ExecutionTab = "timeline"): string {
  return routeHref({ page: "execution", executionId, tab, operationId: undefined });
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value.trim() === "" ? undefined : value.trim();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
