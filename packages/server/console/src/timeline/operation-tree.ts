/**
 * Orders operations as the timeline lists them: depth-first, children under their parent context,
 * siblings in creation order. The EXECUTION operation is the axis itself and is left out.
 * Linked lists in typed arrays instead of nested arrays and object copies: the console builds this
 * for 10,000 operations on first render, when the JIT has not warmed up yet.
 */
import type { ApiOperation } from "../api/api-types.ts";

/** An operation with its place in the tree. */
export interface TreeEntry {
  operation: ApiOperation;
  depth: number;
  /** ParentId when the parent is listed, else undefined (top level). */
  parentId: string | undefined;
  /** Position of the parent in the returned list, -1 at top level. */
  parentIndex: number;
  childCount: number;
  descendantCount: number;
}

/** Depth-first order; an operation whose parent is missing or is the EXECUTION goes to the top level. */
export function operationTree(operations: readonly ApiOperation[]): TreeEntry[] {
  const listed: ApiOperation[] = [];
  const indexById = new Map<string, number>();
  for (const operation of operations) {
    if (operation.Type === "EXECUTION" || indexById.has(operation.Id)) continue;
    indexById.set(operation.Id, listed.length);
    listed.push(operation);
  }
  const count = listed.length;
  const parent = new Int32Array(count).fill(-1);
  const firstChild = new Int32Array(count).fill(-1);
  const lastChild = new Int32Array(count).fill(-1);
  const nextSibling = new Int32Array(count).fill(-1);
  const children = new Int32Array(count);
  let firstRoot = -1;
  let lastRoot = -1;
  for (let index = 0; index < count; index++) {
    const parentId = listed[index]?.ParentId;
    const parentAt = parentId === undefined ? -1 : (indexById.get(parentId) ?? -1);
    parent[index] = parentAt;
    if (parentAt < 0) {
      if (lastRoot < 0) firstRoot = index;
      else nextSibling[lastRoot] = index;
      lastRoot = index;
    } else {
      const last = lastChild[parentAt] ?? -1;
      if (last < 0) firstChild[parentAt] = index;
      else nextSibling[last] = index;
      lastChild[parentAt] = index;
      children[parentAt] = (children[parentAt] ?? 0) + 1;
    }
  }

  // Pre-order walk without recursion. Operations in a parent cycle (corrupt data) are unreachable
  // from the top level and left out rather than looping forever.
  const order = new Int32Array(count);
  const depthOf = new Int32Array(count);
  const position = new Int32Array(count).fill(-1);
  let visited = 0;
  let node = firstRoot;
  let depth = 0;
  while (node >= 0) {
    position[node] = visited;
    order[visited] = node;
    depthOf[visited] = depth;
    visited++;
    const child = firstChild[node] ?? -1;
    if (child >= 0) {
      node = child;
      depth++;
      continue;
    }
    while (node >= 0 && (nextSibling[node] ?? -1) < 0) {
      node = parent[node] ?? -1;
      depth--;
    }
    if (node >= 0) node = nextSibling[node] ?? -1;
  }

  // Children follow their parent in pre-order, so one backward pass sums the subtrees.
  const descendants = new Int32Array(count);
  for (let at = visited - 1; at >= 0; at--) {
    const index = order[at] ?? 0;
    const parentAt = parent[index] ?? -1;
    if (parentAt >= 0)
      descendants[parentAt] = (descendants[parentAt] ?? 0) + 1 + (descendants[index] ?? 0);
  }

  const result: TreeEntry[] = [];
  for (let at = 0; at < visited; at++) {
    const index = order[at] ?? 0;
    const parentAt = parent[index] ?? -1;
    const operation = listed[index] as ApiOperation;
    result.push({
      operation,
      depth: depthOf[at] ?? 0,
      parentId: parentAt < 0 ? undefined : operation.ParentId,
      parentIndex: parentAt < 0 ? -1 : (position[parentAt] ?? -1),
      childCount: children[index] ?? 0,
      descendantCount: descendants[index] ?? 0,
    });
  }
  return result;
}
