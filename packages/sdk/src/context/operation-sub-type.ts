/** The `SubType` the SDK records for each kind of operation (spec/protocol.md §4). */
export const OperationSubType = {
  STEP: "Step",
  WAIT: "Wait",
  CALLBACK: "Callback",
  RUN_IN_CHILD_CONTEXT: "RunInChildContext",
  MAP: "Map",
  MAP_ITERATION: "MapIteration",
  PARALLEL: "Parallel",
  PARALLEL_BRANCH: "ParallelBranch",
  WAIT_FOR_CALLBACK: "WaitForCallback",
  WAIT_FOR_CONDITION: "WaitForCondition",
  CHAINED_INVOKE: "ChainedInvoke",
} as const;
/** One of {@link OperationSubType}'s values. */
export type OperationSubType = (typeof OperationSubType)[keyof typeof OperationSubType];
