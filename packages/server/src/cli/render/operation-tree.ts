/**
 * Orders an execution's operations as a tree: children under their parent context, siblings in
 * the order they were created. The EXECUTION operation is the root and is not listed.
 */
import type { Operation } from "@durably/sdk/protocol";

/** An operation and its depth in the tree (0 = top level of the handler). */
export interface OperationNode {
  operation: Operation;
  depth: number;
}

/** Flattens operations into tree order (depth-first), keeping the given order among siblings. */
export function flattenOperationTree(operations: readonly Operation[]): OperationNode[] {
  const visible = operations.filter((operation) => operation.Type !== "EXECUTION");
  const ids = new Set(visible.map((operation) => operation.Id));
  const children = new Map<string | undefined, Operation[]>();
  for (const operation of visible) {
    // Parents we do not list (the EXECUTION operation, or one not loaded) make a top-level node.
    const parent =
      operation.ParentId !== undefined && ids.has(operation.ParentId)
        ? operation.ParentId
        : undefined;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [operation]);
    else list.push(operation);
  }
  const result: OperationNode[] = [];
  const visit = (parent: string | undefined, depth: number): void => {
    for (const operation of children.get(parent) ?? []) {
      result.push({ operation, depth });
      visit(operation.Id, depth + 1);
    }
  };
  visit(undefined, 0);
  return result;
}
