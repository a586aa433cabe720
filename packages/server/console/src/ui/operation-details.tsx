/** The details of the operation selected in the timeline: its record, attempts, payloads and events. */
import type { ApiEvent, ApiOperation } from "../api/api-types.ts";
import { formatDuration } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { operationKind, operationLabel } from "../timeline/operation-label.ts";
import type { TimelineRow } from "../timeline/timeline-types.ts";
import { CopyableId } from "./copy-button.tsx";
import { EventTable } from "./event-table.tsx";
import { ErrorView, PayloadView } from "./payload-view.tsx";
import { StatusBadge } from "./status-badge.tsx";

/** The details panel. */
export function OperationDetails(props: {
  operation: ApiOperation;
  row: TimelineRow | undefined;
  events: readonly ApiEvent[];
  onAnswerCallback: (callbackId: string) => void;
  onClose: () => void;
}) {
  const { operation, row } = props;
  const started = toEpochMs(operation.StartTimestamp);
  const ended = toEpochMs(operation.EndTimestamp);
  const details =
    operation.StepDetails ??
    operation.ContextDetails ??
    operation.CallbackDetails ??
    operation.ChainedInvokeDetails;
  const callbackId = operation.CallbackDetails?.CallbackId;
  const scheduledEnd = toEpochMs(operation.WaitDetails?.ScheduledEndTimestamp);
  const nextAttempt = toEpochMs(operation.StepDetails?.NextAttemptTimestamp);
  return (
    <aside
      class="operation-details"
      aria-labelledby="operation-title"
      data-operation-id={operation.Id}
    >
      <div class="details-head">
        <h2 id="operation-title">
          {operationLabel(operation)} <span class="tl-kind">{operationKind(operation)}</span>
        </h2>
        <button
          type="button"
          class="small"
          aria-label="Close operation details"
          onClick={props.onClose}
        >
          Close
        </button>
      </div>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={operation.Status} />
        </dd>
        <dt>Operation id</dt>
        <dd>
          <CopyableId value={operation.Id} label="operation id" />
        </dd>
        {operation.ParentId !== undefined && (
          <>
            <dt>Parent id</dt>
            <dd>
              <CopyableId value={operation.ParentId} label="parent operation id" />
            </dd>
          </>
        )}
        <dt>Type</dt>
        <dd>
          {operation.Type}
          {operation.SubType === undefined ? "" : ` / ${operation.SubType}`}
        </dd>
        <dt>Started</dt>
        <dd>{started === undefined ? "—" : formatInstant(started)}</dd>
        <dt>Ended</dt>
        <dd>
          {ended === undefined
            ? "—"
            : `${formatInstant(ended)}${started === undefined ? "" : ` (${formatDuration(ended - started)})`}`}
        </dd>
        {scheduledEnd !== undefined && (
          <>
            <dt>Timer ends</dt>
            <dd>{formatInstant(scheduledEnd)}</dd>
          </>
        )}
        {nextAttempt !== undefined && (
          <>
            <dt>Next attempt</dt>
            <dd>{formatInstant(nextAttempt)}</dd>
          </>
        )}
        {callbackId !== undefined && (
          <>
            <dt>Callback id</dt>
            <dd>
              <CopyableId value={callbackId} label="callback id" />
            </dd>
          </>
        )}
      </dl>
      {callbackId !== undefined && operation.Status === "STARTED" && (
        <button type="button" class="primary" onClick={() => props.onAnswerCallback(callbackId)}>
          Complete callback…
        </button>
      )}
      {row !== undefined && row.attempts.length > 0 && (
        <section aria-label="Attempts">
          <h3>Attempts</h3>
          <ol class="attempts">
            {row.attempts.map((attempt) => (
              <li key={attempt.attempt} data-outcome={attempt.outcome}>
                Attempt {attempt.attempt}: {attempt.outcome}
                {attempt.endedAt === undefined
                  ? ""
                  : ` after ${formatDuration(attempt.endedAt - attempt.startedAt)}`}
                {attempt.error === undefined
                  ? ""
                  : ` — ${attempt.error.ErrorType ?? "Error"}: ${attempt.error.ErrorMessage ?? ""}`}
                {attempt.nextAttemptDelaySeconds === undefined
                  ? ""
                  : ` (retried after ${formatDuration(attempt.nextAttemptDelaySeconds * 1000)})`}
              </li>
            ))}
          </ol>
        </section>
      )}
      {details?.Result !== undefined && <PayloadView label="Result" text={details.Result} />}
      {details?.Error !== undefined && <ErrorView label="Error" error={details.Error} />}
      <section aria-label="Events of this operation">
        <h3>Events ({props.events.length})</h3>
        <EventTable events={props.events} />
      </section>
    </aside>
  );
}
