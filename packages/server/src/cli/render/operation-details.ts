/**
 * What to say about one operation: its display name, kind, attempt, duration and, for an
 * operation that waits, what it waits for.
 */
import type { Operation } from "@durably/sdk/protocol";
import { formatClockTime, formatDuration, previewPayload, toEpochMs, truncate } from "./format.ts";
import type { TimeFormatOptions } from "./format.ts";

/** Name shown for an operation: its name, else its kind and a short id. */
export function operationLabel(operation: Operation): string {
  if (operation.Name !== undefined && operation.Name !== "") return operation.Name;
  return `(${operationKind(operation)} ${operation.Id.slice(0, 8)})`;
}

// Sub-types the SDK sets, as short words; an unknown sub-type is shown lower-cased.
const subTypeWords: Readonly<Record<string, string>> = {
  Step: "step",
  Wait: "wait",
  Callback: "callback",
  ChainedInvoke: "invoke",
  RunInChildContext: "context",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "branch",
  WaitForCallback: "wait for callback",
  WaitForCondition: "condition",
};

/** A short kind word: the sub-type when there is one ("map item"), else the type ("step"). */
export function operationKind(operation: Pick<Operation, "Type" | "SubType">): string {
  if (operation.SubType !== undefined && operation.SubType !== "") {
    return subTypeWords[operation.SubType] ?? operation.SubType.toLowerCase();
  }
  return operation.Type === "CHAINED_INVOKE" ? "invoke" : operation.Type.toLowerCase();
}

/** "#2" for a step's attempt (a step records how many attempts have run), else "". */
export function operationAttempt(operation: Operation): string {
  const attempt = operation.StepDetails?.Attempt;
  if (operation.Type !== "STEP") return "";
  return `#${attempt !== undefined && attempt > 0 ? attempt : 1}`;
}

/** How long the operation ran, or has been running at `now`; undefined before it started. */
export function operationDurationMs(operation: Operation, now: number): number | undefined {
  const start = toEpochMs(operation.StartTimestamp);
  if (start === undefined) return undefined;
  const end = toEpochMs(operation.EndTimestamp) ?? now;
  return Math.max(0, end - start);
}

/** Options of {@link operationDetail}. */
export interface DetailOptions extends TimeFormatOptions {
  now: number;
  /** Width of result previews. */
  previewWidth?: number;
}

/** One phrase about the operation's state: what it waits for, its error, or a preview of its result. */
export function operationDetail(operation: Operation, options: DetailOptions): string {
  const clock = (ms: number): string => formatClockTime(ms, options);
  const width = options.previewWidth ?? 40;
  switch (operation.Status) {
    case "STARTED":
      return startedDetail(operation, options.now, clock);
    case "PENDING": {
      const next = toEpochMs(operation.StepDetails?.NextAttemptTimestamp);
      const attempt = (operation.StepDetails?.Attempt ?? 1) + 1;
      return next === undefined
        ? "retry pending"
        : `retry #${attempt} at ${clock(next)}${remaining(next, options.now)}`;
    }
    case "READY":
      return "ready to run";
    case "SUCCEEDED": {
      const payload =
        operation.StepDetails?.Result ??
        operation.ContextDetails?.Result ??
        operation.CallbackDetails?.Result ??
        operation.ChainedInvokeDetails?.Result;
      return payload === undefined ? "" : `→ ${previewPayload(payload, width)}`;
    }
    default: {
      const error =
        operation.StepDetails?.Error ??
        operation.ContextDetails?.Error ??
        operation.CallbackDetails?.Error ??
        operation.ChainedInvokeDetails?.Error;
      const what = operation.Status.toLowerCase().replace("_", " ");
      if (error === undefined) return what;
      const type =
        error.ErrorType !== undefined && error.ErrorType !== "" ? `${error.ErrorType}: ` : "";
      return `${what}: ${truncate(`${type}${(error.ErrorMessage ?? "").replace(/\s+/g, " ")}`, width)}`;
    }
  }
}

function startedDetail(operation: Operation, now: number, clock: (ms: number) => string): string {
  switch (operation.Type) {
    case "WAIT": {
      const start = toEpochMs(operation.StartTimestamp);
      const end = toEpochMs(operation.WaitDetails?.ScheduledEndTimestamp);
      if (end === undefined) return "waiting";
      const length = start === undefined ? "" : `wait ${formatDuration(end - start)}, `;
      return `${length}resumes at ${clock(end)}${remaining(end, now)}`;
    }
    case "CALLBACK": {
      const id = operation.CallbackDetails?.CallbackId;
      return id === undefined
        ? "waiting for a callback"
        : `waiting for callback ${id.length > 24 ? `${id.slice(0, 23)}…` : id}`;
    }
    case "CHAINED_INVOKE":
      return "waiting for the invoked execution";
    default:
      return "running";
  }
}

function remaining(at: number, now: number): string {
  return at > now ? ` (in ${formatDuration(at - now)})` : "";
}
