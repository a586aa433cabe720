/** The name a row shows: the user's name, else what the SDK made the operation for. */
import type { ApiOperation } from "../api/api-types.ts";

const unnamed: Readonly<Record<string, string>> = {
  Step: "step",
  WaitForCondition: "waitForCondition",
  Wait: "wait",
  Callback: "callback",
  ChainedInvoke: "invoke",
  RunInChildContext: "child context",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "parallel branch",
  WaitForCallback: "waitForCallback",
};

/** `Name`, or a lower-case word for the operation's kind ("step", "wait", "map item"). */
export function operationLabel(operation: Pick<ApiOperation, "Name" | "SubType" | "Type">): string {
  if (operation.Name !== undefined && operation.Name !== "") return operation.Name;
  const bySubType = operation.SubType === undefined ? undefined : unnamed[operation.SubType];
  return bySubType ?? operation.SubType ?? operation.Type.toLowerCase().replace("_", " ");
}

/** A short kind word shown beside the name ("step", "map", "callback"). */
export function operationKind(operation: Pick<ApiOperation, "SubType" | "Type">): string {
  const bySubType = operation.SubType === undefined ? undefined : unnamed[operation.SubType];
  return bySubType ?? operation.SubType ?? operation.Type.toLowerCase().replace("_", " ");
}
