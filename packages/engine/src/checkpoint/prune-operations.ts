/**
 * State pruning (protocol.md §7): the state given to an invocation omits the descendants of every
 * CONTEXT that is SUCCEEDED or FAILED, unless it has ReplayChildren — recursively.
 */
import type { Operation } from "@durably/sdk/protocol";
import type { OperationRecord } from "@durably/store";

/** The visible operations, in creation order (`records` must be in creation order: parents first). */
export function pruneOperations(records: Iterable<OperationRecord>): Operation[] {
  const hiding = new Set<string>();
  const visible: Operation[] = [];
  for (const { operation } of records) {
    if (operation.ParentId !== undefined && hiding.has(operation.ParentId)) {
      hiding.add(operation.Id);
      continue;
    }
    visible.push(operation);
    const isClosedContext =
      operation.Type === "CONTEXT" &&
      (operation.Status === "SUCCEEDED" || operation.Status === "FAILED");
    if (isClosedContext && operation.ContextDetails?.ReplayChildren !== true)
      hiding.add(operation.Id);
  }
  return visible;
}
