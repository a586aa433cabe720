import type { Operation, OperationUpdate } from "../../protocol/wire.ts";

/** The error the service answers a bad request with. */
export function invalidParameter(message: string): Error {
  const error = new Error(message) as Error & { $metadata: { httpStatusCode: number } };
  error.name = "InvalidParameterValueException";
  error.$metadata = { httpStatusCode: 400 };
  return error;
}

/**
 * Applies one update to the records as spec/protocol.md §6.2 says (the subset the SDK core uses);
 * returns the id of the record it changed. Illegal transitions throw InvalidParameterValueException.
 */
export function applyUpdate(
  operations: Map<string, Operation>,
  update: OperationUpdate,
  now: number,
  executionId: string,
): string {
  if (update.ParentId !== undefined && operations.get(update.ParentId)?.Type !== "CONTEXT") {
    throw invalidParameter("Invalid parent operation id.");
  }
  if (update.Type === "EXECUTION") {
    const execution = operations.get(executionId) as Operation;
    execution.Status = update.Action === "SUCCEED" ? "SUCCEEDED" : "FAILED";
    return executionId;
  }
  const existing = operations.get(update.Id);
  const record: Operation = existing ?? {
    Id: update.Id,
    Type: update.Type,
    Status: "STARTED",
    StartTimestamp: new Date(now),
  };
  if (existing === undefined) {
    if (update.ParentId !== undefined) record.ParentId = update.ParentId;
    if (update.Name !== undefined) record.Name = update.Name;
    if (update.SubType !== undefined) record.SubType = update.SubType;
  }
  switch (update.Type) {
    case "STEP":
      applyStep(record, existing, update, now);
      break;
    case "WAIT":
      if (existing !== undefined || update.Action !== "START")
        throw invalidParameter("Invalid WAIT action.");
      record.WaitDetails = {
        ScheduledEndTimestamp: new Date(now + (update.WaitOptions?.WaitSeconds ?? 0) * 1000),
      };
      break;
    case "CONTEXT":
      applyContext(record, existing, update, now);
      break;
    case "CALLBACK":
      if (existing !== undefined || update.Action !== "START")
        throw invalidParameter("Invalid CALLBACK action.");
      record.CallbackDetails = {
        CallbackId: Buffer.from(JSON.stringify({ operationId: update.Id, token: now })).toString(
          "base64",
        ),
      };
      break;
    case "CHAINED_INVOKE":
      if (existing !== undefined || update.Action !== "START")
        throw invalidParameter("Invalid CHAINED_INVOKE action.");
      if (update.ChainedInvokeOptions?.FunctionName === undefined)
        throw invalidParameter("FunctionName is required.");
      record.ChainedInvokeDetails = {};
      break;
    default:
      throw invalidParameter("Unknown operation type.");
  }
  operations.set(record.Id, record);
  return record.Id;
}

function applyStep(
  record: Operation,
  existing: Operation | undefined,
  update: OperationUpdate,
  now: number,
): void {
  const status = existing?.Status;
  const details = (record.StepDetails ??= {});
  if (update.Action === "START") {
    if (status !== undefined && status !== "READY")
      throw invalidParameter("Invalid current STEP state to start.");
    record.Status = "STARTED";
    return;
  }
  if (status !== undefined && status !== "STARTED" && status !== "READY") {
    throw invalidParameter(
      update.Action === "RETRY"
        ? "Invalid current STEP state to re-attempt."
        : "Invalid current STEP state to close.",
    );
  }
  details.Attempt = (details.Attempt ?? 0) + 1;
  if (update.Action === "RETRY") {
    const delay = update.StepOptions?.NextAttemptDelaySeconds;
    if (delay === undefined) throw invalidParameter("Invalid StepOptions for the given action.");
    if (update.Error !== undefined && update.Payload !== undefined) {
      throw invalidParameter("Cannot provide both error and payload to RETRY a STEP.");
    }
    record.Status = "PENDING";
    details.NextAttemptTimestamp = new Date(now + delay * 1000);
    details.Result = update.Payload;
    details.Error = update.Error;
    return;
  }
  if (update.Action === "SUCCEED") {
    if (update.Error !== undefined)
      throw invalidParameter("Cannot provide an Error for SUCCEED action.");
    record.Status = "SUCCEEDED";
    details.Result = update.Payload;
  } else if (update.Action === "FAIL") {
    if (update.Payload !== undefined)
      throw invalidParameter("Cannot provide a Payload for FAIL action.");
    record.Status = "FAILED";
    details.Error = update.Error;
  } else {
    throw invalidParameter("Invalid STEP action.");
  }
  record.EndTimestamp = new Date(now);
}

function applyContext(
  record: Operation,
  existing: Operation | undefined,
  update: OperationUpdate,
  now: number,
): void {
  if (update.Action === "START") {
    if (existing !== undefined)
      throw invalidParameter("Cannot start a CONTEXT that already exists.");
    record.ContextDetails = { ReplayChildren: update.ContextOptions?.ReplayChildren };
    return;
  }
  if (existing !== undefined && existing.Status !== "STARTED")
    throw invalidParameter("Invalid current CONTEXT state to close.");
  const details = (record.ContextDetails ??= {});
  if (update.ContextOptions?.ReplayChildren !== undefined)
    details.ReplayChildren = update.ContextOptions.ReplayChildren;
  if (update.Action === "SUCCEED") {
    record.Status = "SUCCEEDED";
    details.Result = update.Payload;
  } else if (update.Action === "FAIL") {
    record.Status = "FAILED";
    details.Error = update.Error;
  } else {
    throw invalidParameter("Invalid CONTEXT action.");
  }
  record.EndTimestamp = new Date(now);
}
