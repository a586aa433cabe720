/**
 * Timer ids. A timer is unique per (execution, timerId); the id names its kind and operation so
 * the engine can find, replace and delete it. A heartbeat timer also carries its window in seconds,
 * which a heartbeat needs to restart it.
 */
import type { TimerKind, TimerRecord } from "@durably/store";

/** The id of an operation timer of `kind`. */
export function operationTimerId(
  kind: Exclude<TimerKind, "callback-heartbeat" | "execution-timeout">,
  operationId: string,
): string {
  return `${kind}:${operationId}`;
}

/** The id of a callback's heartbeat timer with a window of `seconds`. */
export function heartbeatTimerId(operationId: string, seconds: number): string {
  return `callback-heartbeat:${seconds}:${operationId}`;
}

/** The heartbeat window (seconds) a heartbeat timer was set with. */
export function heartbeatSeconds(timer: TimerRecord): number | undefined {
  if (timer.kind !== "callback-heartbeat") return undefined;
  const seconds = Number(timer.timerId.split(":")[1]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** The id of the execution-timeout timer (one per execution). */
export const executionTimeoutTimerId = "execution-timeout";
