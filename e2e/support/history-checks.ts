/**
 * What the histories of a multi-worker run must show, whatever the faults: events numbered without
 * gaps, each step's result recorded once (one StepSucceeded per step id, matching its operation),
 * and no two invocations of one execution overlapping in time (so no execution was advanced by two
 * workers at once: an invocation whose lease was taken records no end).
 */
import type { Event } from "@durably/sdk/protocol";
import type { ExecutionRecord, Store } from "@durably/store";

/** What {@link checkHistories} found. */
export interface HistoryReport {
  executions: number;
  stepResults: number;
  invocations: number;
  problems: string[];
}

const toMs = (value: unknown): number => new Date(value as string | number | Date).getTime();

/** Checks every execution of `store`. */
export async function checkHistories(store: Store): Promise<HistoryReport> {
  const report: HistoryReport = { executions: 0, stepResults: 0, invocations: 0, problems: [] };
  let cursor: string | undefined;
  do {
    const page = await store.listExecutions({
      limit: 200,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const row of page.items) await checkExecution(store, row, report);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return report;
}

async function checkExecution(
  store: Store,
  row: ExecutionRecord,
  report: HistoryReport,
): Promise<void> {
  const id = row.executionId;
  const problem = (text: string): void => void report.problems.push(`${row.name} (${id}): ${text}`);
  const [events, operations] = await Promise.all([store.listEvents(id), store.listOperations(id)]);
  report.executions++;
  if (row.status === "RUNNING") problem("still RUNNING");
  if (row.lastEventId !== events.length)
    problem(`lastEventId ${row.lastEventId}, ${events.length} events`);
  events.forEach((event, index) => {
    if (event.EventId !== index + 1) problem(`event #${index + 1} has EventId ${event.EventId}`);
  });

  const succeeded = new Map<string, number>();
  for (const event of events) {
    if (event.EventType !== "StepSucceeded" || event.Id === undefined) continue;
    succeeded.set(event.Id, (succeeded.get(event.Id) ?? 0) + 1);
    report.stepResults++;
  }
  for (const [stepId, count] of succeeded) {
    if (count > 1) problem(`step ${stepId} has ${count} StepSucceeded events`);
  }
  // All or nothing: a step's SUCCEEDED record and its event were written by one commit.
  for (const { operation } of operations) {
    if (operation.Type !== "STEP") continue;
    const hasEvent = succeeded.has(operation.Id);
    if ((operation.Status === "SUCCEEDED") !== hasEvent) {
      problem(
        `step ${operation.Id} is ${operation.Status} but has ${hasEvent ? "a" : "no"} StepSucceeded event`,
      );
    }
  }

  const intervals = events
    .filter((event): event is Event => event.EventType === "InvocationCompleted")
    .map((event) => {
      const details = event.InvocationCompletedDetails as {
        StartTimestamp?: unknown;
        EndTimestamp?: unknown;
      };
      return { start: toMs(details.StartTimestamp), end: toMs(details.EndTimestamp) };
    })
    .sort((a, b) => a.start - b.start);
  report.invocations += intervals.length;
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1]!;
    const current = intervals[i]!;
    if (current.start < previous.end) {
      problem(
        `invocations overlap: [${previous.start}, ${previous.end}] and [${current.start}, ${current.end}]`,
      );
    }
  }
}
