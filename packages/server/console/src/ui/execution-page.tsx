/**
 * One execution: what it is, why it waits, its input and outcome, the timeline and the history.
 * Everything is re-read while the execution runs, so the page follows it live.
 */
import { useLayoutEffect, useMemo, useState } from "preact/hooks";
import type { ApiEvent, ApiOperation, ExecutionView } from "../api/api-types.ts";
import { formatDuration } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { routeHref } from "../routing/route.ts";
import type { ExecutionTab } from "../routing/route.ts";
import { buildTimeline } from "../timeline/build-timeline.ts";
import { explainWaiting } from "../waiting/explain-waiting.ts";
import { useApi } from "./api-context.ts";
import { CallbackDialog } from "./callback-dialog.tsx";
import { CopyableId } from "./copy-button.tsx";
import { ErrorBox } from "./error-box.tsx";
import { HistoryView } from "./history-view.tsx";
import { Link } from "./link.tsx";
import { OperationDetails } from "./operation-details.tsx";
import { ErrorView, PayloadView } from "./payload-view.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { StopDialog } from "./stop-dialog.tsx";
import { TimelineView } from "./timeline-view.tsx";
import { navigate } from "./use-route.ts";
import { useLiveData } from "./use-live-data.ts";
import { WaitingPanel } from "./waiting-panel.tsx";

interface ExecutionData {
  execution: ExecutionView;
  operations: ApiOperation[];
  events: ApiEvent[];
  loadedAt: number;
}

/** Names of the performance entries the render benchmark reads. */
export const timelineMeasure = {
  start: "durably:timeline-start",
  built: "durably:timeline-build",
  rendered: "durably:timeline-render",
  painted: "durably:timeline-frame",
} as const;

/** The execution page. */
export function ExecutionPage(props: {
  executionArn: string;
  tab: ExecutionTab;
  operationId: string | undefined;
}) {
  const { client } = useApi();
  const [dialog, setDialog] = useState<
    { kind: "stop" } | { kind: "callback"; callbackId: string }
  >();
  const live = useLiveData<ExecutionData>(
    props.executionArn,
    async (signal) => {
      const [execution, operations, events] = await Promise.all([
        client.getExecution(props.executionArn, signal),
        client.listOperations(props.executionArn, signal),
        client.listHistory(props.executionArn, signal),
      ]);
      return { execution, operations, events, loadedAt: Date.now() };
    },
    { intervalMs: 1000, isLive: (data) => data.execution.Status === "RUNNING" },
  );
  const data = live.data;
  const go = (change: { tab?: ExecutionTab; operationId?: string | undefined }): void =>
    navigate(
      routeHref({
        page: "execution",
        executionId: props.executionArn,
        tab: change.tab ?? props.tab,
        operationId: "operationId" in change ? change.operationId : props.operationId,
      }),
      { replace: !("tab" in change) },
    );

  const model = useMemo(() => {
    if (data === undefined) return undefined;
    // Only the latest render's entries are kept: a running execution re-renders on every poll.
    for (const name of [timelineMeasure.built, timelineMeasure.rendered, timelineMeasure.painted])
      performance.clearMeasures(name);
    performance.clearMarks(timelineMeasure.start);
    performance.mark(timelineMeasure.start);
    const built = buildTimeline({
      operations: data.operations,
      events: data.events,
      startedAt: toEpochMs(data.execution.StartTimestamp),
      endedAt: toEpochMs(data.execution.EndTimestamp),
      now: data.loadedAt,
    });
    performance.measure(timelineMeasure.built, timelineMeasure.start);
    return built;
  }, [data]);
  // Layout effects run once the DOM is updated: the measure covers building the model and rendering it.
  useLayoutEffect(() => {
    if (model === undefined || props.tab !== "timeline") return;
    performance.measure(timelineMeasure.rendered, timelineMeasure.start);
    // A task queued from the next animation frame runs once that frame is painted.
    requestAnimationFrame(() =>
      setTimeout(() => performance.measure(timelineMeasure.painted, timelineMeasure.start)),
    );
  }, [model]);

  if (data === undefined) {
    return (
      <main id="main" class="page">
        <p>
          <Link href="/">← Executions</Link>
        </p>
        {live.error === undefined ? (
          <p>Loading the execution…</p>
        ) : (
          <ErrorBox error={live.error} what="Could not load this execution" />
        )}
      </main>
    );
  }
  const { execution } = data;
  const started = toEpochMs(execution.StartTimestamp) ?? data.loadedAt;
  const ended = toEpochMs(execution.EndTimestamp);
  const isRunning = execution.Status === "RUNNING";
  const explanation = isRunning
    ? explainWaiting({
        status: execution.Status,
        endedAt: ended,
        operations: data.operations,
        events: data.events,
        now: Date.now(),
      })
    : undefined;
  const selected =
    props.operationId === undefined
      ? undefined
      : data.operations.find((operation) => operation.Id === props.operationId);
  const openCallback = (callbackId: string): void => setDialog({ kind: "callback", callbackId });

  return (
    <main id="main" class="page execution-page" data-status={execution.Status}>
      <p class="breadcrumb">
        <Link href="/">← Executions</Link>
      </p>
      <header class="execution-head">
        <div>
          <h1>
            {execution.DurableExecutionName} <StatusBadge status={execution.Status} />
          </h1>
          <dl class="facts inline">
            <dt>Function</dt>
            <dd>{execution.FunctionName}</dd>
            <dt>Started</dt>
            <dd>{formatInstant(started)}</dd>
            <dt>{ended === undefined ? "Running for" : "Duration"}</dt>
            <dd>{formatDuration((ended ?? Date.now()) - started)}</dd>
            <dt>Execution id</dt>
            <dd>
              <CopyableId value={execution.DurableExecutionArn} label="execution id" />
            </dd>
          </dl>
        </div>
        <div class="head-actions">
          {live.isLoading && <span class="muted">Updating…</span>}
          {isRunning && (
            <button type="button" class="danger" onClick={() => setDialog({ kind: "stop" })}>
              Stop execution
            </button>
          )}
        </div>
      </header>
      {live.error !== undefined && <ErrorBox error={live.error} what="Live update failed" />}
      {explanation !== undefined && (
        <WaitingPanel
          explanation={explanation}
          onAnswerCallback={openCallback}
          onShowOperation={(id) => go({ tab: "timeline", operationId: id })}
        />
      )}
      <div class="payloads">
        <PayloadView label="Input" text={execution.InputPayload} empty="No input ({})." />
        {execution.Error !== undefined ? (
          <ErrorView label="Error" error={execution.Error} />
        ) : (
          <PayloadView
            label="Result"
            text={execution.Result}
            empty={isRunning ? "Not finished yet." : "No result."}
          />
        )}
      </div>
      <div
        class="tabs"
        role="tablist"
        aria-label="Execution views"
        onKeyDown={(event) => {
          // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab moves into the panel.
          if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
          const next = props.tab === "timeline" ? "history" : "timeline";
          go({ tab: next });
          requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
        }}
      >
        {(["timeline", "history"] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={props.tab === tab}
            aria-controls={`panel-${tab}`}
            tabIndex={props.tab === tab ? 0 : -1}
            onClick={() => go({ tab })}
          >
            {tab === "timeline"
              ? `Timeline (${model?.rows.length ?? 0})`
              : `History (${data.events.length})`}
          </button>
        ))}
      </div>
      <div
        id={`panel-${props.tab}`}
        role="tabpanel"
        aria-labelledby={`tab-${props.tab}`}
        class={`tab-panel ${selected === undefined ? "" : "with-details"}`}
      >
        {props.tab === "timeline" && model !== undefined && (
          <TimelineView
            model={model}
            selectedId={props.operationId}
            onSelect={(id) => go({ operationId: id })}
          />
        )}
        {props.tab === "history" && (
          <HistoryView
            events={data.events}
            onShowOperation={(id) => go({ tab: "timeline", operationId: id })}
          />
        )}
        {props.tab === "timeline" && selected !== undefined && (
          <OperationDetails
            operation={selected}
            row={model?.rows.find((row) => row.id === selected.Id)}
            events={model?.eventsByOperation.get(selected.Id) ?? []}
            onAnswerCallback={openCallback}
            onClose={() => go({ operationId: undefined })}
          />
        )}
      </div>
      {dialog?.kind === "stop" && (
        <StopDialog
          executionArn={execution.DurableExecutionArn}
          executionName={execution.DurableExecutionName}
          onClose={() => setDialog(undefined)}
          onDone={live.refresh}
        />
      )}
      {dialog?.kind === "callback" && (
        <CallbackDialog
          callbackId={dialog.callbackId}
          initial="succeed"
          onClose={() => setDialog(undefined)}
          onDone={live.refresh}
        />
      )}
    </main>
  );
}
