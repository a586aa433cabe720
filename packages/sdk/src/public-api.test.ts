import { describe, expect, test } from "vitest";
import * as sdk from "./index.ts";

type Kind = "function" | "class" | "object" | "string" | "number";

/** The 34 runtime names of spec/sdk-api.md §1.1–§1.2 and what each must be. */
const valueKinds: Record<string, Kind> = {
  // §1.1 functions and constants
  withDurableExecution: "function",
  createRetryStrategy: "function",
  createLinearRetryStrategy: "function",
  retryPresets: "object",
  createWaitStrategy: "function",
  withRetry: "function",
  continueBatch: "function",
  completeBatch: "function",
  defaultSerdes: "object",
  createClassSerdes: "function",
  createClassSerdesWithDates: "function",
  createFileSystemSerdes: "function",
  buildPreview: "function",
  refreshLogConfig: "function",
  isDurableExecutionClientError: "function",
  SDK_VERSION: "string",
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION: "number",
  // §1.2 classes
  DurablePromise: "class",
  DurableExecutionApiClient: "class",
  DurableExecutionInvocationInputWithClient: "class",
  DurableOperationError: "class",
  StepError: "class",
  CallbackError: "class",
  CallbackExternalError: "class",
  CallbackTimeoutError: "class",
  CallbackSubmitterError: "class",
  InvokeError: "class",
  ChildContextError: "class",
  WaitForConditionError: "class",
  PromiseCombinatorError: "class",
  BatchCompletionError: "class",
  StepInterruptedError: "class",
  DurableExecutionClientError: "class",
  PluginLoadError: "class",
};

/** The 18 enums / const objects of §1.3: member name → string value. */
const enumMembers: Record<string, Record<string, string>> = {
  InvocationStatus: same("SUCCEEDED", "FAILED", "PENDING"),
  OperationSubType: {
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
  },
  StepSemantics: {
    AtMostOncePerRetry: "AT_MOST_ONCE_PER_RETRY",
    AtLeastOncePerRetry: "AT_LEAST_ONCE_PER_RETRY",
  },
  JitterStrategy: same("NONE", "FULL", "HALF"),
  BatchItemStatus: same("SUCCEEDED", "FAILED", "STARTED"),
  CompletionOutcome: same("SUCCEEDED", "FAILED"),
  NestingType: same("NESTED", "FLAT"),
  OperationType: same("CALLBACK", "CHAINED_INVOKE", "CONTEXT", "EXECUTION", "STEP", "WAIT"),
  OperationStatus: same(
    "CANCELLED",
    "FAILED",
    "PENDING",
    "READY",
    "STARTED",
    "STOPPED",
    "SUCCEEDED",
    "TIMED_OUT",
  ),
  OperationAction: same("CANCEL", "FAIL", "RETRY", "START", "SUCCEED"),
  DurableExecutionClientErrorScope: same("INVOCATION", "EXECUTION"),
  PluginInvocationStatus: same("SUCCEEDED", "FAILED", "PENDING", "RETRYING"),
  PluginOperationStatus: same(
    "STARTED",
    "READY",
    "PENDING",
    "SUCCEEDED",
    "FAILED",
    "TIMED_OUT",
    "STOPPED",
    "CANCELLED",
  ),
  AttemptEndInfoOutcome: same("SUCCEEDED", "FAILED"),
  FileSystemSerdesMode: same("ALWAYS", "OVERFLOW"),
  FileSystemPathEncoding: same("URI", "HASH"),
  FieldMatchMode: same("ANYWHERE", "PATH"),
  PreviewMode: same("INCLUDE_ALL", "EXCLUDE_ALL"),
};

/** Members whose string value is their own name. */
function same(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, name]));
}

const exported = sdk as Record<string, unknown>;

function kindOf(value: unknown): string {
  if (typeof value === "function")
    return Function.prototype.toString.call(value).startsWith("class") ? "class" : "function";
  if (value === null) return "null";
  return typeof value;
}

describe("public API values", () => {
  test("covers the 52 runtime names of §1.1–§1.3", () => {
    const names = [...Object.keys(valueKinds), ...Object.keys(enumMembers)];
    expect(names).toHaveLength(52);
    expect(new Set(names).size).toBe(52);
  });

  test.each(Object.entries(valueKinds))("%s is exported as a %s", (name, kind) => {
    expect(Object.keys(sdk)).toContain(name);
    expect(kindOf(exported[name])).toBe(kind);
  });

  test.each(Object.entries(enumMembers))(
    "%s has exactly the members and values of §1.3",
    (name, members) => {
      expect(Object.keys(sdk)).toContain(name);
      expect(kindOf(exported[name])).toBe("object");
      expect({ ...(exported[name] as object) }).toStrictEqual(members);
    },
  );

  test("constants have the official values", () => {
    expect(sdk.SDK_VERSION).toBe("2.4.0");
    expect(sdk.DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION).toBe(1);
    expect(Object.keys(sdk.retryPresets).sort()).toEqual(["default", "linear", "noRetry"]);
    for (const strategy of Object.values(sdk.retryPresets))
      expect(typeof strategy).toBe("function");
    expect(typeof sdk.defaultSerdes.serialize).toBe("function");
    expect(typeof sdk.defaultSerdes.deserialize).toBe("function");
  });

  test("operation errors extend the abstract DurableOperationError", () => {
    const operationErrors = [
      "StepError",
      "CallbackError",
      "CallbackExternalError",
      "CallbackTimeoutError",
      "CallbackSubmitterError",
      "InvokeError",
      "ChildContextError",
      "WaitForConditionError",
      "PromiseCombinatorError",
      "BatchCompletionError",
    ];
    const outliers = operationErrors.filter((name) => {
      const { prototype } = exported[name] as { prototype: object };
      return !(prototype instanceof sdk.DurableOperationError && prototype instanceof Error);
    });
    expect(outliers).toEqual([]);
  });

  test("refreshLogConfig can be called and returns nothing", () => {
    expect(sdk.refreshLogConfig()).toBeUndefined();
  });

  test("isDurableExecutionClientError recognises the error, branded copies, and nothing else", () => {
    const error = new sdk.DurableExecutionClientError("lost", {
      scope: sdk.DurableExecutionClientErrorScope.EXECUTION,
    });
    expect(sdk.isDurableExecutionClientError(error)).toBe(true);
    expect(error.scope).toBe("EXECUTION");
    expect(new sdk.DurableExecutionClientError("x").scope).toBe("INVOCATION");
    // An error from another copy of the package carries the same brand.
    const copy = Object.assign(new Error("copy"), { isDurableExecutionClientError: true });
    expect(sdk.isDurableExecutionClientError(copy)).toBe(true);
    expect(sdk.isDurableExecutionClientError(new Error("plain"))).toBe(false);
    expect(sdk.isDurableExecutionClientError(undefined)).toBe(false);
    expect(sdk.isDurableExecutionClientError("DurableExecutionClientError")).toBe(false);
  });
});
