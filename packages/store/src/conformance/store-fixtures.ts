/**
 * Builders for the records the contract suite writes, and small assertions it shares. Ids and
 * instants are fixed so failures are reproducible.
 */
import type { Event, ExecutionStatus, Operation } from "@durably/sdk/protocol";
import { DurablyError } from "../errors/store-error.ts";
import type {
  ExecutionId,
  ExecutionRecord,
  OperationRecord,
  TimerKind,
  TimerRecord,
} from "../port/records.ts";
import type { NewExecution, Store } from "../port/store.ts";

/** The instant the fixtures start at (2025-01-01T00:00:00Z). */
export const t0: number = Date.UTC(2025, 0, 1);

/** Options of {@link newExecution}. */
export interface NewExecutionOptions {
  functionName?: string;
  name?: string;
  startedAt?: number;
  status?: ExecutionStatus;
  readyAt?: number;
  leaseOwner?: string;
  leaseExpiresAt?: number;
  timers?: TimerRecord[];
}

/** A new execution with its EXECUTION operation (seq 1) and `ExecutionStarted` event (EventId 1). */
export function newExecution(executionId: string, options: NewExecutionOptions = {}): NewExecution {
  const startedAt = options.startedAt ?? t0;
  const input = '{"orderId":"A-1"}';
  const execution: NewExecution["execution"] = {
    executionId,
    name: options.name ?? `name-${executionId}`,
    functionName: options.functionName ?? "orders",
    status: options.status ?? "RUNNING",
    input,
    startedAt,
    generation: 0,
    checkpointSeq: 0,
    lastEventId: 1,
  };
  if (options.readyAt !== undefined) execution.readyAt = options.readyAt;
  if (options.leaseOwner !== undefined) execution.leaseOwner = options.leaseOwner;
  if (options.leaseExpiresAt !== undefined) execution.leaseExpiresAt = options.leaseExpiresAt;
  return {
    execution,
    operations: [
      {
        executionId,
        seq: 1,
        operation: {
          Id: `${executionId}-root`,
          Type: "EXECUTION",
          Status: "STARTED",
          StartTimestamp: new Date(startedAt),
          ExecutionDetails: { InputPayload: input },
        },
      },
    ],
    events: [
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        EventTimestamp: new Date(startedAt),
        ExecutionStartedDetails: { Input: { Payload: input } },
      },
    ],
    timers: options.timers ?? [],
  };
}

/** Creates executions one after the other and returns their rows. */
export async function seed(store: Store, inputs: NewExecution[]): Promise<ExecutionRecord[]> {
  const rows: ExecutionRecord[] = [];
  for (const input of inputs) rows.push((await store.createExecution(input)).execution);
  return rows;
}

/** A STEP operation row (what a commit writes). */
export function step(
  executionId: ExecutionId,
  seq: number,
  id: string,
  overrides: Partial<Operation> = {},
): Omit<OperationRecord, "updatedVersion"> {
  return {
    executionId,
    seq,
    operation: {
      Id: id,
      Type: "STEP",
      SubType: "Step",
      Name: `step ${id}`,
      Status: "STARTED",
      StartTimestamp: new Date(t0 + seq * 1000),
      ...overrides,
    },
  };
}

/** A CALLBACK operation row, optionally already holding a callback id. */
export function callback(
  executionId: ExecutionId,
  seq: number,
  id: string,
  callbackId?: string,
): Omit<OperationRecord, "updatedVersion"> {
  const operation: Operation = {
    Id: id,
    Type: "CALLBACK",
    SubType: "Callback",
    Status: "STARTED",
    StartTimestamp: new Date(t0 + seq * 1000),
  };
  if (callbackId !== undefined) operation.CallbackDetails = { CallbackId: callbackId };
  return { executionId, seq, operation };
}

/** A step history event. */
export function stepEvent(
  eventId: number,
  operationId: string,
  type: "StepStarted" | "StepSucceeded" = "StepStarted",
): Event {
  const event: Event = {
    EventType: type,
    EventId: eventId,
    EventTimestamp: new Date(t0 + eventId * 1000),
    Id: operationId,
    SubType: "Step",
    Name: `step ${operationId}`,
  };
  if (type === "StepStarted") event.StepStartedDetails = {};
  else event.StepSucceededDetails = { Result: { Payload: '"ok"' } };
  return event;
}

/** A timer. */
export function timer(
  executionId: ExecutionId,
  timerId: string,
  dueAt: number,
  kind: TimerKind = "wait",
): TimerRecord {
  return { executionId, timerId, kind, operationId: `op-${timerId}`, dueAt };
}

/**
 * What `action` settled with, as a short string to assert on: the code of the StoreError it
 * rejected with, or a description of anything else (so a failed assertion shows what happened).
 */
export async function rejectionCode(action: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(action).catch((failure: unknown) => failure);
  if (DurablyError.is(error) && error.name === "StoreError") return error.code;
  return `not a StoreError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}

/** The error `action` rejects with; rejects itself when `action` resolves. */
export async function rejectionOf(action: Promise<unknown>): Promise<DurablyError> {
  let settled: { error: unknown } | undefined;
  try {
    await action;
  } catch (error) {
    settled = { error };
  }
  if (settled === undefined) throw new Error("expected a rejection, but the call resolved");
  return settled.error as DurablyError;
}

/** Everything stored about one execution, to compare before and after a rejected write. */
export interface ExecutionSnapshot {
  execution: ExecutionRecord | undefined;
  operations: OperationRecord[];
  events: Event[];
  timers: TimerRecord[];
}

/**
 * Reads everything stored about one execution, deep-copied so that a store handing out live
 * objects cannot make a later comparison pass by changing the snapshot along with its state.
 */
export async function snapshot(store: Store, executionId: ExecutionId): Promise<ExecutionSnapshot> {
  return structuredClone({
    execution: await store.getExecution(executionId),
    operations: await store.listOperations(executionId),
    events: await store.listEvents(executionId),
    timers: await store.listTimers(executionId),
  });
}
