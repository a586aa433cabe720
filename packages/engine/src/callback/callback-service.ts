/**
 * External completion of callbacks (protocol.md §8, §10): success, failure, heartbeat. A callback
 * can be completed once, while its execution runs; a heartbeat restarts its heartbeat window.
 */
import type { ErrorObject, Operation } from "@durably/sdk/protocol";
import type { ExecutionRecord, OperationRecord, TimerKey, TimerRecord } from "@durably/store";
import {
  CallbackClosedError,
  ExecutionClosedError,
  InvalidArgumentError,
  NotFoundError,
} from "../errors/engine-errors.ts";
import { EventSink, eventError, eventResult } from "../history/event-sink.ts";
import type { EngineContext } from "../internal/engine-context.ts";
import { writeExecution } from "../internal/optimistic-write.ts";
import type { PlannedWrite } from "../internal/optimistic-write.ts";
import { heartbeatSeconds } from "../scheduler/timer-ids.ts";

/** Largest callback success body, in UTF-8 bytes. */
const maxCallbackResultBytes = 262_144;

type Change = (context: {
  row: ExecutionRecord;
  record: OperationRecord;
  timers: TimerRecord[];
  now: number;
}) => PlannedWrite<Operation | undefined>;

/** Completes and heartbeats callbacks. */
export class CallbackService {
  readonly #ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** Completes the callback with `result` (stored as its Result; empty means none). */
  async succeed(callbackId: string, result?: string): Promise<void> {
    if (result !== undefined && typeof result !== "string")
      throw new InvalidArgumentError("A callback result must be a string.");
    const bytes = result === undefined ? 0 : Buffer.byteLength(result, "utf8");
    if (bytes > maxCallbackResultBytes) {
      throw new InvalidArgumentError(
        `Callback result is ${bytes} bytes; the limit is ${maxCallbackResultBytes}.`,
      );
    }
    const value = result === undefined || result === "" ? undefined : result;
    await this.#complete(callbackId, ({ row, record, timers, now }) => {
      const details = record.operation.CallbackDetails;
      const operation: Operation = {
        ...record.operation,
        Status: "SUCCEEDED",
        EndTimestamp: new Date(now),
        CallbackDetails: value === undefined ? { ...details } : { ...details, Result: value },
      };
      return finish(row, record, operation, timers, now, (events) =>
        events.add("CallbackSucceeded", operation, { Result: eventResult(value) }),
      );
    });
  }

  /** Fails the callback with `error` (an empty error object when absent). */
  async fail(callbackId: string, error?: ErrorObject): Promise<void> {
    if (error !== undefined && (typeof error !== "object" || error === null))
      throw new InvalidArgumentError("A callback error must be an error object.");
    const value: ErrorObject = error ?? {};
    await this.#complete(callbackId, ({ row, record, timers, now }) => {
      const operation: Operation = {
        ...record.operation,
        Status: "FAILED",
        EndTimestamp: new Date(now),
        CallbackDetails: { ...record.operation.CallbackDetails, Error: value },
      };
      return finish(row, record, operation, timers, now, (events) =>
        events.add("CallbackFailed", operation, { Error: eventError(value) }),
      );
    });
  }

  /** Restarts the callback's heartbeat window. */
  async heartbeat(callbackId: string): Promise<void> {
    let dueAt = 0;
    await this.#complete(callbackId, ({ record, timers, now }) => {
      const timer = timers.find(
        (t) => t.kind === "callback-heartbeat" && t.operationId === record.operation.Id,
      );
      const seconds = timer === undefined ? undefined : heartbeatSeconds(timer);
      if (timer === undefined || seconds === undefined) {
        throw new InvalidArgumentError(
          `Could not find callback that requires heartbeat: callback ${callbackId} was created without a heartbeat timeout.`,
        );
      }
      dueAt = now + seconds * 1000;
      return { change: { setTimers: [{ ...timer, dueAt }] }, result: undefined };
    });
    this.#ctx.signals.timerSet(dueAt);
  }

  async #complete(callbackId: string, change: Change): Promise<void> {
    const { store, clock, signals, hub } = this.#ctx;
    if (typeof callbackId !== "string" || callbackId.length === 0)
      throw new InvalidArgumentError("A callback id is required.");
    const found = await store.findOperationByCallbackId(callbackId);
    if (found === undefined)
      throw new NotFoundError("callback", callbackId, `Callback ${callbackId} not found.`);
    const outcome = await writeExecution(store, found.executionId, async (row) => {
      if (row.status !== "RUNNING") {
        throw new ExecutionClosedError(
          row.executionId,
          row.status,
          `Callback ${callbackId} belongs to execution ${row.executionId}, which is already ${row.status}.`,
        );
      }
      const [record, timers] = await Promise.all([
        store.getOperation(row.executionId, found.operation.Id),
        store.listTimers(row.executionId),
      ]);
      if (record === undefined)
        throw new NotFoundError("callback", callbackId, `Callback ${callbackId} not found.`);
      if (record.operation.Status !== "STARTED")
        throw new CallbackClosedError(callbackId, record.operation.Status);
      return change({ row, record, timers, now: clock.now() });
    });
    if (outcome.kind === "missing")
      throw new NotFoundError("callback", callbackId, `Callback ${callbackId} not found.`);
    if (outcome.kind !== "written" || outcome.result === undefined) return;
    if (hub.hasListeners)
      hub.emit({
        type: "operations-changed",
        executionId: found.executionId,
        operations: [outcome.result],
      });
    signals.ready(clock.now());
  }
}

/** The commit of a completed callback: its record, its event, its timers gone, the execution ready. */
function finish(
  row: ExecutionRecord,
  record: OperationRecord,
  operation: Operation,
  timers: TimerRecord[],
  now: number,
  addEvent: (events: EventSink) => void,
): PlannedWrite<Operation> {
  const events = new EventSink(row.lastEventId, now);
  addEvent(events);
  return {
    change: {
      execution: { lastEventId: events.lastEventId, readyAt: now },
      operations: [{ executionId: record.executionId, seq: record.seq, operation }],
      events: events.events,
      deleteTimers: timers
        .filter((t) => t.operationId === record.operation.Id)
        .map((t): TimerKey => ({ executionId: t.executionId, timerId: t.timerId })),
    },
    result: operation,
  };
}
