import type { Operation, WireOperation, WireTimestamp } from "../protocol/wire.ts";

/** An operation with every timestamp as a `Date` (events carry ISO text or epoch ms). */
export function normaliseOperation(wire: WireOperation): Operation {
  const operation = { ...wire } as Operation;
  if (wire.StartTimestamp !== undefined) operation.StartTimestamp = toDate(wire.StartTimestamp);
  if (wire.EndTimestamp !== undefined) operation.EndTimestamp = toDate(wire.EndTimestamp);
  const next = wire.StepDetails?.NextAttemptTimestamp;
  if (next !== undefined && !(next instanceof Date)) {
    operation.StepDetails = { ...wire.StepDetails, NextAttemptTimestamp: toDate(next) };
  }
  const end = wire.WaitDetails?.ScheduledEndTimestamp;
  if (end !== undefined && !(end instanceof Date)) {
    operation.WaitDetails = { ...wire.WaitDetails, ScheduledEndTimestamp: toDate(end) };
  }
  return operation;
}

function toDate(timestamp: WireTimestamp): Date {
  return timestamp instanceof Date ? timestamp : new Date(timestamp);
}
