/** Statuses instrumentation plugins see (experimental plugin API, spec/sdk-api.md §15). */

/** Version of the instrumentation plugin API. */
export const DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION = 1;

/** How an invocation ended, as plugins see it. */
export const PluginInvocationStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  RETRYING: "RETRYING",
} as const;
/** One of {@link PluginInvocationStatus}'s values. */
export type PluginInvocationStatus =
  (typeof PluginInvocationStatus)[keyof typeof PluginInvocationStatus];

/** An operation's status, as plugins see it. */
export const PluginOperationStatus = {
  STARTED: "STARTED",
  READY: "READY",
  PENDING: "PENDING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
  CANCELLED: "CANCELLED",
} as const;
/** One of {@link PluginOperationStatus}'s values. */
export type PluginOperationStatus =
  (typeof PluginOperationStatus)[keyof typeof PluginOperationStatus];

/** How an operation attempt ended, as plugins see it. */
export const AttemptEndInfoOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
/** One of {@link AttemptEndInfoOutcome}'s values. */
export type AttemptEndInfoOutcome =
  (typeof AttemptEndInfoOutcome)[keyof typeof AttemptEndInfoOutcome];
