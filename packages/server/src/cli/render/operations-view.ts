/**
 * The live view of a running execution: a header line and one row per operation, nested under
 * contexts, with status symbol, kind, attempt, duration and what a waiting operation waits for.
 */
import type { ExecutionStatus, Operation } from "@durably/sdk/protocol";
import { truncateVisible } from "./colors.ts";
import type { Colors } from "./colors.ts";
import { formatDuration } from "./format.ts";
import type { TimeFormatOptions } from "./format.ts";
import {
  operationAttempt,
  operationDetail,
  operationDurationMs,
  operationKind,
  operationLabel,
} from "./operation-details.ts";
import { flattenOperationTree } from "./operation-tree.ts";
import { formatExecutionStatus, operationPhase, phaseSymbol } from "./status-symbols.ts";
import { renderTable } from "./table.ts";

/** What the views show about the execution itself. */
export interface ExecutionHeader {
  executionId: string;
  name: string;
  functionName: string;
  status: ExecutionStatus;
  startedAt: number;
  endedAt?: number | undefined;
}

/** Input of {@link renderOperationsView}. */
export interface OperationsViewInput extends TimeFormatOptions {
  execution: ExecutionHeader;
  operations: readonly Operation[];
  now: number;
  colors: Colors;
  /** Terminal width; lines are cut to it so a redraw never wraps. */
  width?: number;
  /** Most operation rows to show; older finished rows are folded into one line. */
  maxRows?: number;
}

/** Renders the header line and the operations table. */
export function renderOperationsView(input: OperationsViewInput): string {
  const { execution, colors, now } = input;
  const elapsed = (execution.endedAt ?? now) - execution.startedAt;
  const header = [
    formatExecutionStatus(execution.status, colors),
    colors.bold(execution.functionName),
    execution.name,
    colors.dim(formatDuration(elapsed)),
  ].join("  ");
  let nodes = flattenOperationTree(input.operations);
  let folded = "";
  const maxRows = input.maxRows ?? Number.POSITIVE_INFINITY;
  if (nodes.length > maxRows) {
    const hidden = nodes.length - Math.max(1, maxRows - 1);
    const done = nodes
      .slice(0, hidden)
      .filter((node) => operationPhase(node.operation) === "succeeded").length;
    folded = colors.dim(
      `  … ${hidden} earlier operation${hidden === 1 ? "" : "s"} (${done} succeeded)`,
    );
    nodes = nodes.slice(hidden);
  }
  const lines = [header];
  if (folded !== "") lines.push(folded);
  if (nodes.length === 0) {
    lines.push(colors.dim("  (no operations yet)"));
  } else {
    const rows = nodes.map(({ operation, depth }) => {
      const duration = operationDurationMs(operation, now);
      return [
        `${"  ".repeat(depth)}${phaseSymbol(operationPhase(operation), colors)} ${operationLabel(operation)}`,
        colors.dim(operationKind(operation)),
        operationAttempt(operation),
        duration === undefined ? "" : formatDuration(duration),
        operationDetail(operation, { now, timeZone: input.timeZone }),
      ];
    });
    const table = renderTable(
      [
        { header: "OPERATION" },
        { header: "KIND" },
        { header: "TRY" },
        { header: "TIME", align: "right" },
        { header: "" },
      ],
      rows,
    );
    const [head = "", ...body] = table.split("\n");
    lines.push(`  ${colors.dim(head)}`, ...body.map((line) => `  ${line}`));
  }
  const width = input.width;
  return (width === undefined ? lines : lines.map((line) => truncateVisible(line, width))).join(
    "\n",
  );
}
