/**
 * A step's attempts, read from its history: each StepStarted opens an attempt, each StepFailed
 * (or StepSucceeded of a waitForCondition poll) closes one, and RetryDetails tell the attempt
 * number and the delay before the next one. Between attempts the bar shows the retry delay.
 */
import type { ApiEvent, ApiOperation } from "../api/api-types.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { Phase } from "./operation-phase.ts";
import { SegmentKind } from "./timeline-types.ts";
import type { AttemptMark, TimelineSegment } from "./timeline-types.ts";

/** Attempts and bar segments of one step. */
export interface StepAttempts {
  attempts: AttemptMark[];
  segments: TimelineSegment[];
}

/** Builds a step's attempts from its events (EventId order); falls back to the record without events. */
export function stepAttempts(
  operation: ApiOperation,
  events: readonly ApiEvent[],
  span: { from: number; to: number },
  now: number,
): StepAttempts {
  const closing = events.filter(isAttemptEnd);
  if (closing.length === 0 && events.every((event) => event.EventType !== "StepStarted")) {
    return fromRecord(operation, span, now);
  }
  const attempts: AttemptMark[] = [];
  const segments: TimelineSegment[] = [];
  const isFinished = operation.Status === "SUCCEEDED" || operation.Status === "FAILED";
  let attemptStart: number | undefined = span.from;
  let lastClosedAt: number | undefined;
  let number = 0;
  for (const event of events) {
    const at = toEpochMs(event.EventTimestamp) ?? span.from;
    if (event.EventType === "StepStarted") {
      if (lastClosedAt !== undefined) {
        segments.push(segment(SegmentKind.retryDelay, lastClosedAt, at, Phase.waiting, false));
        lastClosedAt = undefined;
      }
      attemptStart = at;
      continue;
    }
    if (!isAttemptEnd(event)) continue;
    const retry = (event.StepFailedDetails ?? event.StepSucceededDetails)?.RetryDetails;
    // Counted, not read from RetryDetails.CurrentAttempt: servers differ on whether it names the
    // attempt that ended or the one before it, and every attempt ends with exactly one such event.
    number++;
    const isFinal = isFinished && event === closing.at(-1);
    const failed = event.EventType === "StepFailed";
    const from = attemptStart ?? lastClosedAt ?? at;
    segments.push(
      segment(SegmentKind.run, from, at, failed ? Phase.failed : Phase.succeeded, false),
    );
    attempts.push({
      attempt: number,
      startedAt: from,
      endedAt: at,
      outcome: failed ? "failed" : "succeeded",
      error: event.StepFailedDetails?.Error?.Payload,
      nextAttemptDelaySeconds: isFinal ? undefined : retry?.NextAttemptDelaySeconds,
    });
    attemptStart = undefined;
    lastClosedAt = isFinal ? undefined : at;
  }
  appendOpenTail(operation, segments, attempts, { attemptStart, lastClosedAt, number }, now);
  return { attempts, segments };
}

/** The part still going on: a running attempt, or the delay before the next one. */
function appendOpenTail(
  operation: ApiOperation,
  segments: TimelineSegment[],
  attempts: AttemptMark[],
  state: { attemptStart: number | undefined; lastClosedAt: number | undefined; number: number },
  now: number,
): void {
  if (operation.Status === "STARTED" && state.attemptStart !== undefined) {
    segments.push(segment(SegmentKind.run, state.attemptStart, now, Phase.running, true));
    attempts.push(runningAttempt(state.number + 1, state.attemptStart));
  } else if (state.lastClosedAt !== undefined && isOpen(operation)) {
    segments.push(segment(SegmentKind.retryDelay, state.lastClosedAt, now, Phase.waiting, true));
  }
}

/** Without history: one bar for the whole step, and the retry delay when it is between attempts. */
function fromRecord(
  operation: ApiOperation,
  span: { from: number; to: number },
  now: number,
): StepAttempts {
  const details = operation.StepDetails;
  const count = details?.Attempt ?? 0;
  if (operation.Status === "STARTED") {
    return {
      attempts: [runningAttempt(count + 1, span.from)],
      segments: [segment(SegmentKind.run, span.from, now, Phase.running, true)],
    };
  }
  if (isOpen(operation)) {
    return {
      attempts: [],
      segments: [segment(SegmentKind.retryDelay, span.from, now, Phase.waiting, true)],
    };
  }
  const failed = operation.Status === "FAILED";
  const phase = failed ? Phase.failed : Phase.succeeded;
  const attempt: AttemptMark = {
    attempt: Math.max(1, count),
    startedAt: span.from,
    endedAt: span.to,
    outcome: failed ? "failed" : "succeeded",
    error: details?.Error,
    nextAttemptDelaySeconds: undefined,
  };
  return {
    attempts: [attempt],
    segments: [segment(SegmentKind.run, span.from, span.to, phase, false)],
  };
}

function isAttemptEnd(event: ApiEvent): boolean {
  return event.EventType === "StepFailed" || event.EventType === "StepSucceeded";
}

function isOpen(operation: ApiOperation): boolean {
  return (
    operation.Status === "PENDING" || operation.Status === "READY" || operation.Status === "STARTED"
  );
}

function runningAttempt(attempt: number, startedAt: number): AttemptMark {
  return {
    attempt,
    startedAt,
    endedAt: undefined,
    outcome: "running",
    error: undefined,
    nextAttemptDelaySeconds: undefined,
  };
}

function segment(
  kind: SegmentKind,
  from: number,
  to: number,
  phase: Phase,
  isOpenSegment: boolean,
): TimelineSegment {
  return { kind, from, to: Math.max(from, to), phase, isOpen: isOpenSegment };
}
