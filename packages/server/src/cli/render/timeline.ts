/**
 * A text bar chart of an execution on a time axis: one row per operation, nested under contexts.
 * Solid bars are code running (steps, contexts); light bars are time spent waiting (waits,
 * callbacks, invokes, retry delays). Gaps show where nothing ran, e.g. while the process was down.
 */
import type { Operation } from "@durably/sdk/protocol";
import { characters } from "./colors.ts";
import type { Colors } from "./colors.ts";
import { formatDuration, toEpochMs } from "./format.ts";
import { operationLabel } from "./operation-details.ts";
import { flattenOperationTree } from "./operation-tree.ts";
import { operationPhase, paintPhase, phaseSymbol } from "./status-symbols.ts";

/** Input of {@link renderTimeline}. */
export interface TimelineInput {
  operations: readonly Operation[];
  /** Start of the axis (the execution's start). */
  startedAt: number;
  /** End of the axis (the execution's end, or now while it runs). */
  endedAt: number;
  colors: Colors;
  /** Columns of the bar area (default 40). */
  barWidth?: number;
  /** Longest label (indent, symbol and name) before it is cut (default 30). */
  labelWidth?: number;
}

/** Renders the timeline; "" when there are no operations. */
export function renderTimeline(input: TimelineInput): string {
  const { colors } = input;
  const nodes = flattenOperationTree(input.operations);
  if (nodes.length === 0) return "";
  const barWidth = Math.max(10, input.barWidth ?? 40);
  // Labels are measured without the symbol (2 columns: symbol and space), which is coloured later.
  const names = nodes.map(({ operation, depth }) => ({
    indent: "  ".repeat(depth),
    name: operationLabel(operation),
  }));
  const labelWidth = Math.min(
    input.labelWidth ?? 30,
    Math.max(...names.map(({ indent, name }) => indent.length + 2 + characters(name).length)),
  );
  const start = input.startedAt;
  const span = Math.max(1, input.endedAt - start);
  const column = (at: number): number => ((at - start) / span) * barWidth;

  const margin = " ".repeat(2 + labelWidth + 1);
  const total = formatDuration(input.endedAt - start);
  const axis = `${margin}${colors.dim(`0s${" ".repeat(Math.max(1, barWidth - 2 - total.length))}${total}`)}`;
  const ruler = `${margin}${colors.dim(`├${"─".repeat(barWidth - 2)}┤`)}`;

  const rows = nodes.map(({ operation }, index) => {
    const phase = operationPhase(operation);
    const opStart = toEpochMs(operation.StartTimestamp) ?? start;
    const opEnd = toEpochMs(operation.EndTimestamp) ?? input.endedAt;
    const from = Math.min(barWidth - 1, Math.max(0, Math.floor(column(opStart))));
    const to = Math.min(barWidth, Math.max(from + 1, Math.ceil(column(opEnd))));
    const fill = isWaitingKind(operation) || phase === "waiting" ? "░" : "█";
    const bar =
      " ".repeat(from) +
      paintPhase(phase, fill.repeat(to - from), colors) +
      " ".repeat(barWidth - to);
    const { indent, name } = names[index] ?? { indent: "", name: "" };
    const label = `${indent}${phaseSymbol(phase, colors)} ${fit(name, labelWidth - indent.length - 2)}`;
    return `  ${label} ${bar} ${colors.dim(formatDuration(Math.max(0, opEnd - opStart)))}`;
  });
  return [colors.bold("Timeline"), axis, ruler, ...rows].join("\n");
}

function isWaitingKind(operation: Operation): boolean {
  return (
    operation.Type === "WAIT" ||
    operation.Type === "CALLBACK" ||
    operation.Type === "CHAINED_INVOKE"
  );
}

/** Pads or cuts `text` to exactly `width` characters. */
function fit(text: string, width: number): string {
  const chars = characters(text);
  if (chars.length <= width) return text + " ".repeat(width - chars.length);
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}
