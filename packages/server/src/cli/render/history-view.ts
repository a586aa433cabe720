/**
 * The `executions history` table: one row per history event, with its time relative to the first
 * event and the few details that matter for each event type.
 */
import type { Event } from "@durably/sdk/protocol";
import type { Colors } from "./colors.ts";
import { formatClockTime, formatDuration, previewPayload, toEpochMs } from "./format.ts";
import type { TimeFormatOptions } from "./format.ts";
import { describeError } from "./executions-view.ts";
import { renderTable } from "./table.ts";

/** Options of {@link renderHistory}. */
export interface HistoryViewOptions extends TimeFormatOptions {
  colors: Colors;
}

/** Renders history events as a table. */
export function renderHistory(events: readonly Event[], options: HistoryViewOptions): string {
  if (events.length === 0) return "No history events.";
  const origin = toEpochMs(events[0]?.EventTimestamp) ?? 0;
  const rows = events.map((event) => {
    const at = toEpochMs(event.EventTimestamp);
    return [
      String(event.EventId),
      at === undefined ? "" : `+${formatDuration(at - origin)}`,
      colorEvent(event.EventType, options.colors),
      event.SubType ?? "",
      event.Name ?? "",
      eventDetail(event, options),
    ];
  });
  return renderTable(
    [
      { header: "#", align: "right" },
      { header: "TIME", align: "right" },
      { header: "EVENT" },
      { header: "SUB-TYPE" },
      { header: "NAME" },
      { header: "DETAILS" },
    ],
    rows,
    options.colors,
  );
}

function colorEvent(type: string, colors: Colors): string {
  if (type.endsWith("Succeeded")) return colors.green(type);
  if (["Failed", "TimedOut", "Stopped"].some((end) => type.endsWith(end))) return colors.red(type);
  if (type.endsWith("Started")) return colors.cyan(type);
  return type;
}

/** The details that matter for one event, on one line. */
export function eventDetail(event: Event, options: TimeFormatOptions = {}): string {
  const error =
    event.ExecutionFailedDetails?.Error ??
    event.ExecutionTimedOutDetails?.Error ??
    event.ExecutionStoppedDetails?.Error ??
    event.ContextFailedDetails?.Error ??
    event.StepFailedDetails?.Error ??
    event.WaitCancelledDetails?.Error ??
    event.CallbackFailedDetails?.Error ??
    event.CallbackTimedOutDetails?.Error ??
    event.ChainedInvokeFailedDetails?.Error ??
    event.ChainedInvokeTimedOutDetails?.Error ??
    event.ChainedInvokeStoppedDetails?.Error ??
    event.InvocationCompletedDetails?.Error;
  const result =
    event.ExecutionSucceededDetails?.Result ??
    event.ContextSucceededDetails?.Result ??
    event.StepSucceededDetails?.Result ??
    event.CallbackSucceededDetails?.Result ??
    event.ChainedInvokeSucceededDetails?.Result;
  const parts: string[] = [];
  const retry = event.StepSucceededDetails?.RetryDetails ?? event.StepFailedDetails?.RetryDetails;
  if (retry?.CurrentAttempt !== undefined) parts.push(`attempt ${retry.CurrentAttempt}`);
  if (retry?.NextAttemptDelaySeconds !== undefined)
    parts.push(`retry in ${retry.NextAttemptDelaySeconds}s`);
  if (event.ExecutionStartedDetails !== undefined) {
    parts.push(
      `input ${previewPayload(event.ExecutionStartedDetails.Input?.Payload, 50) || "(none)"}`,
    );
  }
  const wait = event.WaitStartedDetails;
  if (wait !== undefined) {
    const end = toEpochMs(wait.ScheduledEndTimestamp);
    parts.push(
      `${wait.Duration ?? "?"}s${end === undefined ? "" : ` until ${formatClockTime(end, options)}`}`,
    );
  }
  if (event.CallbackStartedDetails?.CallbackId !== undefined)
    parts.push(`callback ${event.CallbackStartedDetails.CallbackId}`);
  if (event.ChainedInvokeStartedDetails?.FunctionName !== undefined) {
    parts.push(`invoke ${event.ChainedInvokeStartedDetails.FunctionName}`);
  }
  const invocation = event.InvocationCompletedDetails;
  if (invocation !== undefined) {
    const from = toEpochMs(invocation.StartTimestamp);
    const to = toEpochMs(invocation.EndTimestamp);
    if (from !== undefined && to !== undefined) parts.push(`took ${formatDuration(to - from)}`);
  }
  if (result?.Payload !== undefined) parts.push(`→ ${previewPayload(result.Payload, 50)}`);
  if (error?.Payload !== undefined) parts.push(describeError(error.Payload));
  return parts.join(", ");
}
