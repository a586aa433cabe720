/**
 * One line per operation change, for output that is not a terminal (logs, CI, pipes): printed
 * when an operation appears, changes status, or starts another attempt.
 */
import type { Operation } from "@durably/sdk/protocol";
import type { Colors } from "./colors.ts";
import { formatClockTime, formatDuration } from "./format.ts";
import type { TimeFormatOptions } from "./format.ts";
import {
  operationAttempt,
  operationDetail,
  operationDurationMs,
  operationKind,
  operationLabel,
} from "./operation-details.ts";
import { operationPhase, phaseSymbol } from "./status-symbols.ts";

/** Options of {@link describeOperationChange}. */
export interface ChangeOptions extends TimeFormatOptions {
  now: number;
  colors: Colors;
}

/** The line announcing how `current` differs from `previous`, or undefined when nothing worth a line changed. */
export function describeOperationChange(
  previous: Operation | undefined,
  current: Operation,
  options: ChangeOptions,
): string | undefined {
  if (current.Type === "EXECUTION") return undefined;
  if (
    previous !== undefined &&
    previous.Status === current.Status &&
    previous.StepDetails?.Attempt === current.StepDetails?.Attempt
  ) {
    return undefined;
  }
  const { colors, now } = options;
  const phase = operationPhase(current);
  const attempt = operationAttempt(current);
  const what = `${operationLabel(current)} ${colors.dim(`(${operationKind(current)}${attempt === "" ? "" : ` ${attempt}`})`)}`;
  const detail = operationDetail(current, { now, timeZone: options.timeZone, previewWidth: 60 });
  const duration = operationDurationMs(current, now);
  const took = duration === undefined ? "" : formatDuration(duration);
  let tail: string;
  switch (phase) {
    case "running":
      tail = "started";
      break;
    case "succeeded":
      tail = [took === "" ? "succeeded" : `succeeded in ${took}`, detail]
        .filter((part) => part !== "")
        .join(" ");
      break;
    case "failed":
    case "cancelled":
      tail = took === "" ? detail : `${detail} (after ${took})`;
      break;
    default:
      tail = detail;
  }
  return `${colors.dim(formatClockTime(now, options))} ${phaseSymbol(phase, colors)} ${what}${tail === "" ? "" : ` ${tail}`}`;
}
