/**
 * Lays an execution out on one time axis: a row per operation in tree order, each with the
 * segments of its bar (attempts, retry delays, waiting time), and the invocations that ran it.
 */
import type { ApiEvent, ApiOperation } from "../api/api-types.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { operationKind, operationLabel } from "./operation-label.ts";
import { isOpenStatus, operationPhase } from "./operation-phase.ts";
import { operationTree } from "./operation-tree.ts";
import type { TreeEntry } from "./operation-tree.ts";
import { stepAttempts } from "./step-attempts.ts";
import { SegmentKind } from "./timeline-types.ts";
import type {
  InvocationMark,
  TimelineModel,
  TimelineRow,
  TimelineSegment,
} from "./timeline-types.ts";

/** Input of {@link buildTimeline}. */
export interface TimelineInput {
  operations: readonly ApiOperation[];
  events: readonly ApiEvent[];
  /** The execution's start and end (end absent while it runs). */
  startedAt: number | undefined;
  endedAt: number | undefined;
  /** Where open bars end. */
  now: number;
}

/** Builds the timeline model; linear in operations plus events. */
export function buildTimeline(input: TimelineInput): TimelineModel {
  const eventsByOperation = groupEvents(input.events);
  const entries = operationTree(input.operations);
  const axisStart = input.startedAt ?? firstStart(input.operations) ?? input.now;
  const openEnd = input.endedAt ?? input.now;
  const rows: TimelineRow[] = entries.map((entry, index) => {
    const { operation } = entry;
    const events = eventsByOperation.get(operation.Id) ?? [];
    const from = toEpochMs(operation.StartTimestamp) ?? firstEventAt(events) ?? axisStart;
    const isOpen = isOpenStatus(operation.Status);
    const to = isOpen
      ? Math.max(from, openEnd)
      : (toEpochMs(operation.EndTimestamp) ?? lastEventAt(events) ?? from);
    const phase = operationPhase(operation.Type, operation.Status);
    const row: TimelineRow = {
      id: operation.Id,
      parentId: entry.parentId,
      depth: entry.depth,
      index,
      label: operationLabel(operation),
      kind: operationKind(operation),
      name: operation.Name,
      type: operation.Type,
      subType: operation.SubType,
      status: operation.Status,
      phase,
      from,
      to,
      isOpen,
      segments: [],
      attempts: [],
      deadlineAt: undefined,
      childCount: entry.childCount,
      descendantCount: entry.descendantCount,
      childPhases: {},
    };
    fillBar(row, operation, events, openEnd);
    return row;
  });
  countChildPhases(rows, entries);
  const invocations = invocationMarks(input.events);
  let endAt = openEnd;
  for (const row of rows) endAt = Math.max(endAt, row.to);
  for (const invocation of invocations) endAt = Math.max(endAt, invocation.to);
  // A zero-length axis would divide by zero; one millisecond keeps instant executions drawable.
  return {
    startAt: axisStart,
    endAt: Math.max(endAt, axisStart + 1),
    rows,
    invocations,
    eventsByOperation,
  };
}

/** Segments, attempts and deadline by operation type. */
function fillBar(
  row: TimelineRow,
  operation: ApiOperation,
  events: readonly ApiEvent[],
  now: number,
): void {
  const whole = (kind: TimelineSegment["kind"]): TimelineSegment[] => [
    { kind, from: row.from, to: row.to, phase: row.phase, isOpen: row.isOpen },
  ];
  switch (operation.Type) {
    case "STEP": {
      const { attempts, segments } = stepAttempts(
        operation,
        events,
        { from: row.from, to: row.to },
        now,
      );
      row.attempts = attempts;
      row.segments = segments.length > 0 ? segments : whole(SegmentKind.run);
      return;
    }
    case "WAIT":
      row.segments = whole(SegmentKind.wait);
      row.deadlineAt = toEpochMs(operation.WaitDetails?.ScheduledEndTimestamp);
      return;
    case "CALLBACK": {
      row.segments = whole(SegmentKind.wait);
      const timeout = events.find((event) => event.EventType === "CallbackStarted")
        ?.CallbackStartedDetails?.Timeout;
      row.deadlineAt = timeout !== undefined && timeout > 0 ? row.from + timeout * 1000 : undefined;
      return;
    }
    case "CHAINED_INVOKE":
      row.segments = whole(SegmentKind.wait);
      return;
    default:
      row.segments = whole(SegmentKind.span);
  }
}

/** Invocations from InvocationCompleted events, which carry both ends. */
function invocationMarks(events: readonly ApiEvent[]): InvocationMark[] {
  const marks: InvocationMark[] = [];
  for (const event of events) {
    if (event.EventType !== "InvocationCompleted") continue;
    const details = event.InvocationCompletedDetails;
    const to = toEpochMs(details?.EndTimestamp) ?? toEpochMs(event.EventTimestamp);
    if (to === undefined) continue;
    const from = toEpochMs(details?.StartTimestamp) ?? to;
    marks.push({
      number: marks.length + 1,
      from,
      to,
      requestId: details?.RequestId,
      error: details?.Error?.Payload,
    });
  }
  return marks;
}

function groupEvents(events: readonly ApiEvent[]): Map<string, ApiEvent[]> {
  const sorted = isSortedById(events) ? events : [...events].sort((a, b) => a.EventId - b.EventId);
  const byOperation = new Map<string, ApiEvent[]>();
  for (const event of sorted) {
    if (event.Id === undefined) continue;
    const list = byOperation.get(event.Id);
    if (list === undefined) byOperation.set(event.Id, [event]);
    else list.push(event);
  }
  return byOperation;
}

function isSortedById(events: readonly ApiEvent[]): boolean {
  for (let index = 1; index < events.length; index++) {
    if ((events[index]?.EventId ?? 0) < (events[index - 1]?.EventId ?? 0)) return false;
  }
  return true;
}

function countChildPhases(rows: TimelineRow[], entries: readonly TreeEntry[]): void {
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    const parent = rows[entries[index]?.parentIndex ?? -1];
    if (row !== undefined && parent !== undefined)
      parent.childPhases[row.phase] = (parent.childPhases[row.phase] ?? 0) + 1;
  }
}

function firstStart(operations: readonly ApiOperation[]): number | undefined {
  let first: number | undefined;
  for (const operation of operations) {
    const at = toEpochMs(operation.StartTimestamp);
    if (at !== undefined && (first === undefined || at < first)) first = at;
  }
  return first;
}

function firstEventAt(events: readonly ApiEvent[]): number | undefined {
  const first = events[0];
  return first === undefined ? undefined : toEpochMs(first.EventTimestamp);
}

function lastEventAt(events: readonly ApiEvent[]): number | undefined {
  const last = events.at(-1);
  return last === undefined ? undefined : toEpochMs(last.EventTimestamp);
}
