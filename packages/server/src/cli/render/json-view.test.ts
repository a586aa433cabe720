import { expect, it } from "vitest";
import { T0 } from "../internal/testing/operation-fixtures.ts";
import { executionToJson, toJsonText } from "./json-view.ts";

it("parses JSON payloads, keeps other payloads as text, and prints instants as ISO strings", () => {
  const json = executionToJson({
    executionId: "e",
    name: "n",
    functionName: "f",
    status: "SUCCEEDED",
    input: '{"a":1}',
    result: "not json",
    startedAt: T0,
    endedAt: T0 + 1000,
  });
  expect(json).toEqual({
    executionId: "e",
    name: "n",
    functionName: "f",
    status: "SUCCEEDED",
    input: { a: 1 },
    result: "not json",
    startedAt: "2025-06-01T12:00:00.000Z",
    endedAt: "2025-06-01T12:00:01.000Z",
  });
  expect(JSON.parse(toJsonText({ at: new Date(T0) }))).toEqual({ at: "2025-06-01T12:00:00.000Z" });
});

it("omits fields the execution does not have", () => {
  expect(
    Object.keys(
      executionToJson({
        executionId: "e",
        name: "n",
        functionName: "f",
        status: "RUNNING",
        startedAt: T0,
      }),
    ),
  ).toEqual(["executionId", "name", "functionName", "status", "startedAt"]);
});
