import { describe, expect, it } from "vitest";
import { operation } from "../internal/testing/fixtures.ts";
import { operationTree } from "./operation-tree.ts";

describe("operationTree", () => {
  it("lists children under their parent in creation order, depth-first", () => {
    const entries = operationTree([
      operation({ Id: "exec", Type: "EXECUTION" }),
      operation({ Id: "a", Type: "CONTEXT" }),
      operation({ Id: "b", Type: "STEP" }),
      operation({ Id: "a1", ParentId: "a", Type: "STEP" }),
      operation({ Id: "a2", ParentId: "a", Type: "CONTEXT" }),
      operation({ Id: "a2x", ParentId: "a2", Type: "WAIT" }),
    ]);
    expect(
      entries.map((entry) => [
        entry.operation.Id,
        entry.depth,
        entry.parentIndex,
        entry.childCount,
        entry.descendantCount,
      ]),
    ).toEqual([
      ["a", 0, -1, 2, 3],
      ["a1", 1, 0, 0, 0],
      ["a2", 1, 0, 1, 1],
      ["a2x", 2, 2, 0, 0],
      ["b", 0, -1, 0, 0],
    ]);
  });

  it("puts operations whose parent is the EXECUTION or missing at the top level", () => {
    const entries = operationTree([
      operation({ Id: "exec", Type: "EXECUTION" }),
      operation({ Id: "s", ParentId: "exec", Type: "STEP" }),
      operation({ Id: "orphan", ParentId: "not-loaded", Type: "STEP" }),
    ]);
    expect(entries.map((entry) => [entry.operation.Id, entry.depth, entry.parentId])).toEqual([
      ["s", 0, undefined],
      ["orphan", 0, undefined],
    ]);
  });

  it("survives corrupt data: duplicate ids once, parent cycles left out", () => {
    const entries = operationTree([
      operation({ Id: "s", Type: "STEP" }),
      operation({ Id: "s", Type: "STEP" }),
      operation({ Id: "x", ParentId: "y", Type: "CONTEXT" }),
      operation({ Id: "y", ParentId: "x", Type: "CONTEXT" }),
    ]);
    expect(entries.map((entry) => entry.operation.Id)).toEqual(["s"]);
  });

  it("handles 10,000 operations under one map", () => {
    const operations = [operation({ Id: "m", Type: "CONTEXT", SubType: "Map" })];
    for (let index = 0; index < 5000; index++) {
      operations.push(
        operation({ Id: `i${index}`, ParentId: "m", Type: "CONTEXT" }),
        operation({ Id: `s${index}`, ParentId: `i${index}`, Type: "STEP" }),
      );
    }
    const entries = operationTree(operations);
    expect(entries).toHaveLength(10_001);
    expect(entries[0]).toMatchObject({ childCount: 5000, descendantCount: 10_000 });
    expect(entries.at(-1)).toMatchObject({ depth: 2, parentIndex: 9999 });
  });
});
