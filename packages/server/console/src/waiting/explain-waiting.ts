/**
 * "Why is it waiting": plain sentences saying what a running execution waits for, derived from its
 * operations (what is open now) and its history (callback timeouts, invoked executions, errors).
 */
import type { ApiEvent, ApiOperation, ExecutionStatus } from "../api/api-types.ts";
import { formatDuration, formatRelative } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { operationLabel } from "../timeline/operation-label.ts";

/** What one open operation waits for. */
export const WaitKind = {
  timer: "timer",
  callback: "callback",
  retry: "retry",
  invoke: "invoke",
  running: "running",
} as const;
/** One of {@link WaitKind}'s values. */
export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];

/** One thing the execution waits for. */
export interface WaitReason {
  kind: WaitKind;
  operationId: string;
  sentence: string;
  /** When it is expected to end by itself (timer, retry, callback timeout), if known. */
  until: number | undefined;
  /** The callback id, for callbacks (the console offers to complete it). */
  callbackId: string | undefined;
}

/** The explanation: one summary sentence and the reasons behind it, soonest first. */
export interface WaitingExplanation {
  summary: string;
  reasons: WaitReason[];
}

/** Input of {@link explainWaiting}. */
export interface WaitingInput {
  status: ExecutionStatus;
  endedAt: number | undefined;
  operations: readonly ApiOperation[];
  events: readonly ApiEvent[];
  now: number;
  /** Show instants in UTC (tests) instead of the viewer's zone. */
  utc?: boolean;
}

/** Explains what the execution waits for. */
export function explainWaiting(input: WaitingInput): WaitingExplanation {
  if (input.status !== "RUNNING") {
    const when =
      input.endedAt === undefined
        ? ""
        : ` at ${formatInstant(input.endedAt, { utc: input.utc === true })}`;
    return {
      summary: `It is not waiting: the execution ended ${input.status}${when}.`,
      reasons: [],
    };
  }
  const byId = new Map(input.operations.map((operation) => [operation.Id, operation]));
  const eventsById = new Map<string, ApiEvent[]>();
  for (const event of input.events) {
    if (event.Id === undefined) continue;
    const list = eventsById.get(event.Id);
    if (list === undefined) eventsById.set(event.Id, [event]);
    else list.push(event);
  }
  const context: ReasonContext = { now: input.now, utc: input.utc === true, byId };
  const reasons: WaitReason[] = [];
  for (const operation of input.operations) {
    const reason = reasonFor(operation, eventsById.get(operation.Id) ?? [], context);
    if (reason !== undefined) reasons.push(reason);
  }
  reasons.sort(
    (a, b) => (a.until ?? Number.POSITIVE_INFINITY) - (b.until ?? Number.POSITIVE_INFINITY),
  );
  return { summary: summarise(reasons), reasons };
}

interface ReasonContext {
  now: number;
  utc: boolean;
  byId: ReadonlyMap<string, ApiOperation>;
}

function reasonFor(
  operation: ApiOperation,
  events: readonly ApiEvent[],
  context: ReasonContext,
): WaitReason | undefined {
  const label = quote(operation);
  const at = (ms: number): string =>
    `${formatInstant(ms, { utc: context.utc })} (${formatRelative(ms, context.now)})`;
  const base = { operationId: operation.Id, callbackId: undefined };
  if (operation.Type === "WAIT" && operation.Status === "STARTED") {
    const until = toEpochMs(operation.WaitDetails?.ScheduledEndTimestamp);
    const sentence =
      until === undefined
        ? `Waiting for the timer of wait ${label}.`
        : until > context.now
          ? `Waiting for the timer of wait ${label} until ${at(until)}.`
          : `The timer of wait ${label} was due at ${at(until)}; the engine resumes the execution next.`;
    return { ...base, kind: WaitKind.timer, sentence, until };
  }
  if (operation.Type === "CALLBACK" && operation.Status === "STARTED")
    return callbackReason(operation, events, context);
  if (
    operation.Type === "STEP" &&
    (operation.Status === "PENDING" || operation.Status === "READY")
  ) {
    const next = (operation.StepDetails?.Attempt ?? 0) + 1;
    const until = toEpochMs(operation.StepDetails?.NextAttemptTimestamp);
    const failure = lastError(operation, events);
    const because = failure === undefined ? "" : ` Attempt ${next - 1} failed: ${failure}`;
    const sentence =
      operation.Status === "READY" || (until !== undefined && until <= context.now)
        ? `Step ${label} is ready for attempt ${next}; the engine runs it in the next invocation.${because}`
        : `Waiting to retry step ${label}: attempt ${next} starts ${until === undefined ? "after its retry delay" : `at ${at(until)}`}.${because}`;
    return { ...base, kind: WaitKind.retry, sentence, until };
  }
  if (operation.Type === "CHAINED_INVOKE" && operation.Status === "STARTED") {
    const started = events.find(
      (event) => event.EventType === "ChainedInvokeStarted",
    )?.ChainedInvokeStartedDetails;
    const target =
      started?.FunctionName === undefined ? "" : ` of function "${started.FunctionName}"`;
    const arn =
      started?.DurableExecutionArn === undefined
        ? ""
        : ` (execution ${started.DurableExecutionArn})`;
    return {
      ...base,
      kind: WaitKind.invoke,
      sentence: `Waiting for the invoked execution${target}${arn} of ${label} to finish.`,
      until: undefined,
    };
  }
  if (operation.Type === "STEP" && operation.Status === "STARTED") {
    const attempt = (operation.StepDetails?.Attempt ?? 0) + 1;
    const since = toEpochMs(operation.StartTimestamp);
    const sentence = `Running step ${label} (attempt ${attempt})${since === undefined ? "" : ` since ${at(since)}`}.`;
    return { ...base, kind: WaitKind.running, sentence, until: undefined };
  }
  return undefined;
}

function callbackReason(
  operation: ApiOperation,
  events: readonly ApiEvent[],
  context: ReasonContext,
): WaitReason {
  const callbackId = operation.CallbackDetails?.CallbackId;
  const started = events.find(
    (event) => event.EventType === "CallbackStarted",
  )?.CallbackStartedDetails;
  // waitForCallback wraps an unnamed callback in a named context: the context's name says more.
  const parent =
    operation.ParentId === undefined ? undefined : context.byId.get(operation.ParentId);
  const owner =
    parent?.SubType === "WaitForCallback"
      ? `waitForCallback ${quote(parent)}`
      : `callback ${quote(operation)}`;
  const start = toEpochMs(operation.StartTimestamp);
  const timeout = started?.Timeout;
  const until =
    timeout !== undefined && timeout > 0 && start !== undefined
      ? start + timeout * 1000
      : undefined;
  const id = callbackId ?? started?.CallbackId;
  let sentence = `Waiting for ${owner} to be completed with callback id ${id ?? "(not assigned yet)"}`;
  sentence +=
    until === undefined
      ? "; it has no timeout"
      : `; it times out at ${formatInstant(until, { utc: context.utc })} (${formatRelative(until, context.now)})`;
  const heartbeat = started?.HeartbeatTimeout;
  if (heartbeat !== undefined && heartbeat > 0)
    sentence += ` and needs a heartbeat every ${formatDuration(heartbeat * 1000)}`;
  return {
    kind: WaitKind.callback,
    operationId: operation.Id,
    sentence: `${sentence}.`,
    until,
    callbackId: id,
  };
}

function lastError(operation: ApiOperation, events: readonly ApiEvent[]): string | undefined {
  const failed = events.findLast((event) => event.EventType === "StepFailed")?.StepFailedDetails
    ?.Error?.Payload;
  const error = failed ?? operation.StepDetails?.Error;
  if (error === undefined) return undefined;
  const text = [error.ErrorType, error.ErrorMessage]
    .filter((part) => part !== undefined && part !== "")
    .join(": ");
  return text === "" ? undefined : `${text}.`;
}

const nouns: Record<WaitKind, [string, string]> = {
  timer: ["timer", "timers"],
  callback: ["callback", "callbacks"],
  retry: ["step retry", "step retries"],
  invoke: ["invoked execution", "invoked executions"],
  running: ["running step", "running steps"],
};

function summarise(reasons: readonly WaitReason[]): string {
  const [only] = reasons;
  if (only === undefined)
    return "Nothing is blocking it: an invocation is running or about to start.";
  if (reasons.length === 1) return only.sentence;
  const counts = new Map<WaitKind, number>();
  for (const reason of reasons) counts.set(reason.kind, (counts.get(reason.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, count]) => `${count} ${nouns[kind][count === 1 ? 0 : 1]}`);
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  const isOnlyRunning = counts.size === 1 && counts.has(WaitKind.running);
  return `${isOnlyRunning ? "Running" : "Waiting on"} ${list}.`;
}

function quote(operation: ApiOperation): string {
  return `"${operationLabel(operation)}"`;
}
