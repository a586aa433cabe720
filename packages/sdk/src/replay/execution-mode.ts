/** Whether a context is running code for the first time or re-running recorded code (spec §13.3). */
export const ExecutionMode = {
  /** Live: operations run and checkpoint. */
  ExecutionMode: "ExecutionMode",
  /** Re-running code whose operations are recorded. */
  ReplayMode: "ReplayMode",
  /** Re-running a finished large child context to rebuild its result. */
  ReplaySucceededContext: "ReplaySucceededContext",
} as const;
/** One of {@link ExecutionMode}'s values. */
export type ExecutionMode = (typeof ExecutionMode)[keyof typeof ExecutionMode];
