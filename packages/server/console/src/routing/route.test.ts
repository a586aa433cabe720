import { describe, expect, it } from "vitest";
import { executionHref, parseRoute, routeHref } from "./route.ts";

const arn =
  "arn:durably:lambda:local:000000000000:function:orders:$LATEST/durable-execution/o-1/3f2a";

describe("parseRoute", () => {
  it("reads the executions list with its filters", () => {
    expect(parseRoute("/", "?status=RUNNING,FAILED,BOGUS&function=orders&q=o-1")).toEqual({
      page: "executions",
      filters: { statuses: ["RUNNING", "FAILED"], functionName: "orders", search: "o-1" },
    });
    expect(parseRoute("/executions/", "")).toMatchObject({
      page: "executions",
      filters: { statuses: [] },
    });
  });
  it("reads an execution whose id contains slashes and colons", () => {
    expect(parseRoute(executionHref(arn), "")).toEqual({
      page: "execution",
      executionId: arn,
      tab: "timeline",
      operationId: undefined,
    });
  });
  it("reads the tab and the selected operation, ignoring unknown tabs", () => {
    expect(parseRoute("/executions/e1", "?tab=history&op=c4ca4238a0b92382")).toMatchObject({
      tab: "history",
      operationId: "c4ca4238a0b92382",
    });
    expect(parseRoute("/executions/e1", "?tab=nope")).toMatchObject({ tab: "timeline" });
  });
  it("reports other paths as not found", () => {
    expect(parseRoute("/nowhere", "")).toEqual({ page: "not-found", path: "/nowhere" });
  });
});

describe("routeHref", () => {
  it("round-trips list filters", () => {
    const route = parseRoute("/", "?status=STOPPED&function=a%20b&q=x");
    expect(routeHref(route)).toBe("/?status=STOPPED&function=a+b&q=x");
    expect(
      routeHref({
        page: "executions",
        filters: { statuses: [], functionName: undefined, search: undefined },
      }),
    ).toBe("/");
  });
  it("keeps the default tab out of the address", () => {
    expect(
      routeHref({ page: "execution", executionId: "e/1", tab: "timeline", operationId: undefined }),
    ).toBe("/executions/e%2F1");
    expect(
      routeHref({ page: "execution", executionId: "e", tab: "history", operationId: "o" }),
    ).toBe("/executions/e?tab=history&op=o");
  });
});
