/** The timeline's model: rows of bars on one time axis, and the invocations marked on it. */
import type { ApiEvent, ErrorObject, OperationStatus, OperationType } from "../api/api-types.ts";
import type { Phase } from "./operation-phase.ts";

/** What a stretch of a bar stands for. */
export const SegmentKind = {
  /** Handler code running (a step attempt). */
  run: "run",
  /** Waiting on something outside the handler (timer, callback, invoked execution). */
  wait: "wait",
  /** A step between two attempts, until its retry timer fires and the next invocation picks it up. */
  retryDelay: "retry-delay",
  /** The life of a context: its children draw what happened inside. */
  span: "span",
} as const;
/** One of {@link SegmentKind}'s values. */
export type SegmentKind = (typeof SegmentKind)[keyof typeof SegmentKind];

/** A stretch of a bar, in epoch ms. */
export interface TimelineSegment {
  kind: SegmentKind;
  from: number;
  to: number;
  phase: Phase;
  /** Still going on at the time the model was built (drawn to "now"). */
  isOpen: boolean;
}

/** One attempt of a step (or one poll of a waitForCondition), marked where it ended. */
export interface AttemptMark {
  /** 1-based. */
  attempt: number;
  startedAt: number;
  /** Undefined while the attempt runs. */
  endedAt: number | undefined;
  outcome: "succeeded" | "failed" | "running";
  error: ErrorObject | undefined;
  /** Delay the SDK asked for before the next attempt, when this attempt was retried. */
  nextAttemptDelaySeconds: number | undefined;
}

/** One operation on the axis. */
export interface TimelineRow {
  id: string;
  parentId: string | undefined;
  depth: number;
  /** Index of this row in the full (expanded) list. */
  index: number;
  label: string;
  /** What the SDK made the operation for ("step", "map item", "waitForCallback"). */
  kind: string;
  name: string | undefined;
  type: OperationType;
  subType: string | undefined;
  status: OperationStatus;
  phase: Phase;
  from: number;
  to: number;
  isOpen: boolean;
  segments: TimelineSegment[];
  attempts: AttemptMark[];
  /** A deadline drawn on the bar: a wait's scheduled end or a callback's timeout. */
  deadlineAt: number | undefined;
  childCount: number;
  descendantCount: number;
  /** Direct children by phase, for a collapsed group's summary. */
  childPhases: Partial<Record<Phase, number>>;
}

/** One invocation (one replay of the handler), from its InvocationCompleted event. */
export interface InvocationMark {
  /** 1-based, in event order. */
  number: number;
  from: number;
  to: number;
  requestId: string | undefined;
  error: ErrorObject | undefined;
}

/** Everything the timeline view draws. */
export interface TimelineModel {
  startAt: number;
  endAt: number;
  rows: TimelineRow[];
  invocations: InvocationMark[];
  /** History events of each operation id, in EventId order. */
  eventsByOperation: ReadonlyMap<string, readonly ApiEvent[]>;
}
