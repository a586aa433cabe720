/**
 * The rows `TestResult.print()` shows with `console.table`.
 */
import type { Operation } from "@durably/sdk/protocol";

/** Which columns to print; every column is on by default. */
export interface PrintConfig {
  parentId?: boolean;
  name?: boolean;
  type?: boolean;
  subType?: boolean;
  status?: boolean;
  startTime?: boolean;
  endTime?: boolean;
  duration?: boolean;
}

/** One table row per operation; missing values are shown as "-". */
export function formatOperationTable(
  operations: readonly Operation[],
  config: PrintConfig = {},
): Record<string, string>[] {
  const on = (key: keyof PrintConfig): boolean => config[key] !== false;
  return operations.map((op) => {
    const row: Record<string, string> = {};
    if (on("parentId")) row["parentId"] = op.ParentId ?? "-";
    if (on("name")) row["name"] = op.Name ?? "-";
    if (on("type")) row["type"] = op.Type;
    if (on("subType")) row["subType"] = op.SubType ?? "-";
    if (on("status")) row["status"] = op.Status;
    if (on("startTime")) row["startTime"] = op.StartTimestamp?.toISOString() ?? "-";
    if (on("endTime")) row["endTime"] = op.EndTimestamp?.toISOString() ?? "-";
    if (on("duration")) {
      const start = op.StartTimestamp?.getTime();
      const end = op.EndTimestamp?.getTime();
      row["duration"] = start !== undefined && end !== undefined ? `${end - start}ms` : "-";
    }
    return row;
  });
}
