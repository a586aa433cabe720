/**
 * One conformance requirement as read from its YAML file (see shared/conformance/README.md).
 */

/** An external callback completion the runner performs while the execution runs. */
export interface CallbackAction {
  /** Name of the callback operation (or of its waitForCallback context); "*" = any. */
  callbackName: string;
  operation: "success" | "failure" | "heartbeat";
  payload?: unknown;
  /** Seconds after the callback was created. */
  delaySeconds: number;
}

/** Expected log records (plugin suite). */
export interface ExpectedLog {
  match: Record<string, unknown>;
  count?: number;
  after?: Record<string, unknown>[];
}

/** A parsed requirement, variables substituted. */
export interface Requirement {
  /** "1.11" for step/1-11.yaml. */
  id: string;
  suite: string;
  file: string;
  description: string;
  input: unknown;
  isAsync: boolean;
  expectedStatus: string;
  /** Present when the requirement states a result. */
  expectedResult?: { value: unknown };
  expectedError?: Record<string, unknown>;
  callbackActions: CallbackAction[];
  expectedHistory: Record<string, unknown>[];
  expectedLogs: ExpectedLog[];
  variables: Record<string, string>;
  raw: Record<string, unknown>;
}
