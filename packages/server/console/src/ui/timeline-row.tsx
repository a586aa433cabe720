/** One row of the timeline: the operation's name on the left, its bar on the time axis on the right. */
import { memo } from "preact/compat";
import { formatDuration } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { axisFraction } from "../timeline/axis-ticks.ts";
import type { AttemptMark, TimelineRow as Row } from "../timeline/timeline-types.ts";

/** Props of {@link TimelineRow}. */
export interface TimelineRowProps {
  row: Row;
  startAt: number;
  endAt: number;
  isSelected: boolean;
  isCollapsed: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

/** A timeline row; memoised, since scrolling re-renders the window but rarely a row's content. */
export const TimelineRow = memo(function TimelineRow(props: TimelineRowProps) {
  const { row, startAt, endAt } = props;
  const position = (at: number): string =>
    `${(axisFraction(at, startAt, endAt) * 100).toFixed(3)}%`;
  const width = (from: number, to: number): string =>
    `${((axisFraction(to, startAt, endAt) - axisFraction(from, startAt, endAt)) * 100).toFixed(3)}%`;
  const hasChildren = row.childCount > 0;
  const shownAttempts =
    row.attempts.length > 1 || row.attempts.some((attempt) => attempt.outcome === "failed")
      ? row.attempts
      : [];
  return (
    <div
      id={`tl-row-${row.id}`}
      role="treeitem"
      class={`tl-row${props.isSelected ? " selected" : ""}`}
      aria-level={row.depth + 1}
      aria-expanded={hasChildren ? !props.isCollapsed : undefined}
      aria-selected={props.isSelected}
      data-operation-id={row.id}
      data-depth={row.depth}
      data-phase={row.phase}
      data-type={row.type}
      onClick={() => props.onSelect(row.id)}
    >
      <div class="tl-label" style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}>
        {hasChildren ? (
          <span
            class="tl-toggle"
            aria-hidden="true"
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(row.id);
            }}
          >
            {props.isCollapsed ? "▸" : "▾"}
          </span>
        ) : (
          <span class="tl-toggle-spacer" aria-hidden="true" />
        )}
        <span class="tl-name">{row.label}</span>
        {/* The colour says the status; screen readers hear it in words. */}
        <span class="visually-hidden">{row.status.toLowerCase().replace("_", " ")}</span>
        <span class="tl-kind">{row.kind}</span>
        {row.attempts.length > 1 && <span class="tl-attempts">{row.attempts.length} attempts</span>}
        {hasChildren && props.isCollapsed && (
          <span class="tl-group-summary">{groupSummary(row)}</span>
        )}
      </div>
      <div class="tl-track">
        {row.segments.map((segment, index) => (
          <div
            key={index}
            class={`tl-seg tl-seg-${segment.kind} phase-${segment.phase}${segment.isOpen ? " open" : ""}`}
            data-kind={segment.kind}
            style={{ left: position(segment.from), width: width(segment.from, segment.to) }}
          />
        ))}
        {row.deadlineAt !== undefined && row.deadlineAt <= endAt && (
          <div
            class="tl-deadline"
            style={{ left: position(row.deadlineAt) }}
            title={`Deadline ${formatInstant(row.deadlineAt)}`}
          />
        )}
        {shownAttempts.map((attempt) => (
          <AttemptMarker
            key={attempt.attempt}
            attempt={attempt}
            left={position(attempt.endedAt ?? attempt.startedAt)}
          />
        ))}
      </div>
      <div class="tl-duration">{formatDuration(row.to - row.from)}</div>
    </div>
  );
});

function AttemptMarker(props: { attempt: AttemptMark; left: string }) {
  const { attempt } = props;
  const error =
    attempt.error === undefined
      ? ""
      : `: ${attempt.error.ErrorType ?? "Error"}: ${attempt.error.ErrorMessage ?? ""}`;
  const title = `Attempt ${attempt.attempt} ${attempt.outcome}${error}`;
  return (
    <span
      class={`tl-attempt attempt-${attempt.outcome}`}
      data-attempt={attempt.attempt}
      data-outcome={attempt.outcome}
      title={title}
      style={{ left: props.left }}
    >
      {attempt.outcome === "failed" ? "✕" : attempt.outcome === "succeeded" ? "✓" : "●"}
    </span>
  );
}

function groupSummary(row: Row): string {
  const parts = Object.entries(row.childPhases).map(([phase, count]) => `${count} ${phase}`);
  return `${row.childCount} inside: ${parts.join(", ")}`;
}
