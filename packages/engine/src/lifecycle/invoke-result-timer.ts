/**
 * The safety net of chained invokes across crashes. An invoked execution's outcome is recorded on
 * its caller by a second commit, after the one that closes it; should the process die between the
 * two, the caller would wait forever. So every close of an invoked execution also sets this timer
 * (in the closing commit itself); recording the outcome deletes it, and if that never happens the
 * timer falls due and any worker records the outcome then.
 */
import type { ExecutionRecord, TimerRecord } from "@durably/store";

/** Id of the one `invoke-result` timer of an invoked execution. */
export const invokeResultTimerId = "invoke-result";

/** The timers to set when `row` closes: the invoke-result timer if another execution invoked it. */
export function invokeResultTimers(row: ExecutionRecord, dueAt: number): TimerRecord[] {
  if (typeof row.attributes?.["parentExecutionId"] !== "string") return [];
  return [
    { executionId: row.executionId, timerId: invokeResultTimerId, kind: "invoke-result", dueAt },
  ];
}
