/**
 * The executions list: filters in the address bar, cursor pages (Older/Newer keep a stack of
 * markers, so paging stays one indexed query deep at any size), and live updates by polling.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/api-error.ts";
import type { ExecutionListItem, ExecutionStatus } from "../api/api-types.ts";
import { formatDuration } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";
import { executionHref, routeHref } from "../routing/route.ts";
import type { ExecutionFilters } from "../routing/route.ts";
import { useApi } from "./api-context.ts";
import { CopyableId } from "./copy-button.tsx";
import { ErrorBox } from "./error-box.tsx";
import { Link } from "./link.tsx";
import { StartDialog } from "./start-dialog.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { navigate } from "./use-route.ts";
import { useLiveData } from "./use-live-data.ts";

const pageSize = 50;
const allStatuses: readonly ExecutionStatus[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "STOPPED",
];

/** The list page. */
export function ExecutionsPage(props: {
  filters: ExecutionFilters;
  knownFunctions: readonly string[];
  onFunctionsSeen: (names: string[]) => void;
}) {
  const { client } = useApi();
  const { filters } = props;
  const [markers, setMarkers] = useState<(string | undefined)[]>([undefined]);
  const [isLive, setLive] = useState(true);
  const [isStarting, setStarting] = useState(false);
  const filterKey = routeHref({ page: "executions", filters });
  // New filters start again at the newest page.
  useEffect(() => setMarkers([undefined]), [filterKey]);
  const marker = markers.at(-1);
  const isIdSearch = filters.search?.startsWith("arn:") === true;

  const live = useLiveData(
    `${filterKey}#${marker ?? ""}`,
    async (signal) => {
      if (isIdSearch && filters.search !== undefined) {
        const execution = await client
          .getExecution(filters.search, signal)
          .catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return undefined;
            throw error;
          });
        return { executions: execution === undefined ? [] : [execution], nextMarker: undefined };
      }
      return client.listExecutions(
        {
          statuses: filters.statuses,
          functionName: filters.functionName,
          namePrefix: filters.search,
          marker,
          maxItems: pageSize,
        },
        signal,
      );
    },
    { intervalMs: 2000, isLive: () => true, isPaused: !isLive, keepPrevious: true },
  );
  const executions = live.data?.executions ?? [];
  useEffect(
    () => props.onFunctionsSeen(executions.map((execution) => execution.FunctionName)),
    [live.data],
  );

  const update = (change: Partial<ExecutionFilters>): void =>
    navigate(routeHref({ page: "executions", filters: { ...filters, ...change } }), {
      replace: true,
    });
  const toggleStatus = (status: ExecutionStatus, checked: boolean): void =>
    update({
      statuses: allStatuses.filter((candidate) =>
        candidate === status ? checked : filters.statuses.includes(candidate),
      ),
    });

  return (
    <main id="main" class="page">
      <div class="page-title">
        <h1>Executions</h1>
        <button type="button" class="primary" onClick={() => setStarting(true)}>
          Start execution
        </button>
      </div>
      <form
        class="filters"
        role="search"
        aria-label="Filter executions"
        onSubmit={(event) => event.preventDefault()}
      >
        <fieldset class="status-filter">
          <legend>Status</legend>
          {allStatuses.map((status) => (
            <label key={status} class="chip">
              <input
                type="checkbox"
                checked={filters.statuses.includes(status)}
                onChange={(event) => toggleStatus(status, event.currentTarget.checked)}
              />
              {status.replace("_", " ")}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="filter-function">Function</label>
          <input
            id="filter-function"
            type="search"
            list="known-functions"
            placeholder="All functions"
            value={filters.functionName ?? ""}
            onChange={(event) => update({ functionName: nonEmpty(event.currentTarget.value) })}
          />
          <datalist id="known-functions">
            {props.knownFunctions.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div class="field grow">
          <label for="filter-search">Execution id or name prefix</label>
          <input
            id="filter-search"
            type="search"
            placeholder="arn:… or the start of a name"
            value={filters.search ?? ""}
            onChange={(event) => update({ search: nonEmpty(event.currentTarget.value) })}
          />
        </div>
        <label class="live-toggle">
          <input
            type="checkbox"
            checked={isLive}
            onChange={(event) => setLive(event.currentTarget.checked)}
          />{" "}
          Live updates
        </label>
      </form>
      {live.error !== undefined && <ErrorBox error={live.error} />}
      <ExecutionsTable
        executions={executions}
        isLoading={live.isLoading && live.data === undefined}
      />
      <nav class="pager" aria-label="Pages">
        <button
          type="button"
          disabled={markers.length <= 1}
          onClick={() => setMarkers(markers.slice(0, -1))}
        >
          ← Newer
        </button>
        <span aria-live="polite">Page {markers.length}</span>
        <button
          type="button"
          disabled={live.data?.nextMarker === undefined}
          onClick={() =>
            live.data?.nextMarker !== undefined && setMarkers([...markers, live.data.nextMarker])
          }
        >
          Older →
        </button>
      </nav>
      {isStarting && (
        <StartDialog
          functionNames={props.knownFunctions}
          initialFunction={filters.functionName}
          onClose={() => setStarting(false)}
          onDone={live.refresh}
        />
      )}
    </main>
  );
}

function ExecutionsTable(props: { executions: readonly ExecutionListItem[]; isLoading: boolean }) {
  const now = Date.now();
  if (props.executions.length === 0) {
    return (
      <p class="empty">
        {props.isLoading ? "Loading executions…" : "No executions match these filters."}
      </p>
    );
  }
  return (
    <table class="executions" aria-label="Executions">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Name</th>
          <th scope="col">Function</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Execution id</th>
        </tr>
      </thead>
      <tbody>
        {props.executions.map((execution) => {
          const started = toEpochMs(execution.StartTimestamp) ?? now;
          const ended = toEpochMs(execution.EndTimestamp);
          return (
            <tr
              key={execution.DurableExecutionArn}
              data-execution-arn={execution.DurableExecutionArn}
              data-status={execution.Status}
            >
              <td>
                <StatusBadge status={execution.Status} />
              </td>
              <td>
                <Link href={executionHref(execution.DurableExecutionArn)}>
                  {execution.DurableExecutionName}
                </Link>
              </td>
              <td>{execution.FunctionName}</td>
              <td>
                <time dateTime={execution.StartTimestamp}>{formatInstant(started)}</time>
              </td>
              <td>{formatDuration((ended ?? now) - started)}</td>
              <td>
                <CopyableId value={execution.DurableExecutionArn} label="execution id" short />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function nonEmpty(text: string): string | undefined {
  return text.trim() === "" ? undefined : text.trim();
}
