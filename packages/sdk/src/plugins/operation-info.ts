import { DurableOperationError } from "../errors/durable-operation-error.ts";
import type { Operation } from "../protocol/wire.ts";
import type { OperationInfo } from "./durable-instrumentation-plugin.ts";

/** Who an operation is, known before it has a record. */
export interface OperationIdentity {
  readonly id: string;
  readonly name: string | undefined;
  readonly type: string;
  readonly subType: string | undefined;
  readonly parentId: string | undefined;
}

/**
 * What plugins see of an operation: its record (status, timestamps, result, error, attempt), with
 * the identity filling in what the record lacks (an operation whose START is not applied yet).
 * Absent values are left out rather than set to undefined.
 */
export function toOperationInfo(
  record: Operation | undefined,
  identity?: OperationIdentity,
  isReplay = false,
): OperationInfo {
  const info: OperationInfo = {
    id: record?.Id ?? identity?.id ?? "",
    type: record?.Type ?? identity?.type ?? "",
    isReplay,
  };
  setDefined(info, "name", record?.Name ?? identity?.name);
  setDefined(info, "subType", record?.SubType ?? identity?.subType);
  setDefined(info, "parentId", record?.ParentId ?? identity?.parentId);
  if (record === undefined) return info;
  info.status = record.Status;
  setDefined(info, "startTimestamp", record.StartTimestamp);
  setDefined(info, "endTimestamp", record.EndTimestamp);
  setDefined(
    info,
    "result",
    record.StepDetails?.Result ??
      record.CallbackDetails?.Result ??
      record.ContextDetails?.Result ??
      record.ChainedInvokeDetails?.Result,
  );
  const error =
    record.StepDetails?.Error ??
    record.CallbackDetails?.Error ??
    record.ContextDetails?.Error ??
    record.ChainedInvokeDetails?.Error;
  if (error !== undefined) info.error = DurableOperationError.fromErrorObject(error);
  setDefined(info, "attempt", record.StepDetails?.Attempt);
  return info;
}

/** {@link toOperationInfo} of every record, by wire id. */
export function toOperationInfoMap(records: Iterable<Operation>): Record<string, OperationInfo> {
  const infos: Record<string, OperationInfo> = {};
  for (const record of records) infos[record.Id] = toOperationInfo(record);
  return infos;
}

function setDefined<K extends keyof OperationInfo>(
  info: OperationInfo,
  key: K,
  value: OperationInfo[K] | undefined,
): void {
  if (value !== undefined) info[key] = value as OperationInfo[K];
}
