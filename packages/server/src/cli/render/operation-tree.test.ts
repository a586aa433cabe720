import { expect, it } from "vitest";
import { operation } from "../internal/testing/operation-fixtures.ts";
import { flattenOperationTree } from "./operation-tree.ts";

it("puts children right after their parent context, siblings in creation order, and drops the EXECUTION operation", () => {
  const nodes = flattenOperationTree([
    operation({ Id: "exec", Type: "EXECUTION" }),
    operation({ Id: "a" }),
    operation({ Id: "ctx", Type: "CONTEXT" }),
    operation({ Id: "b" }),
    operation({ Id: "ctx.1", ParentId: "ctx" }),
    operation({ Id: "ctx.1.1", ParentId: "ctx.1" }),
    operation({ Id: "ctx.2", ParentId: "ctx" }),
  ]);
  expect(nodes.map((node) => `${node.depth}:${node.operation.Id}`)).toEqual([
    "0:a",
    "0:ctx",
    "1:ctx.1",
    "2:ctx.1.1",
    "1:ctx.2",
    "0:b",
  ]);
});

it("shows an operation whose parent is not loaded at the top level", () => {
  const nodes = flattenOperationTree([operation({ Id: "x", ParentId: "missing" })]);
  expect(nodes).toEqual([{ operation: expect.objectContaining({ Id: "x" }), depth: 0 }]);
});
