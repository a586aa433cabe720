/**
 * One symbol and colour per status, so every view (live, tables, timeline) speaks the same language.
 */
import type { ExecutionStatus, Operation } from "@durably/sdk/protocol";
import type { Colors } from "./colors.ts";

/** How an operation looks right now: it may be running code, waiting on something, or done. */
export type OperationPhase = "running" | "waiting" | "ready" | "succeeded" | "failed" | "cancelled";

/** The phase of an operation, from its type and status. */
export function operationPhase(operation: Pick<Operation, "Type" | "Status">): OperationPhase {
  switch (operation.Status) {
    case "SUCCEEDED":
      return "succeeded";
    case "FAILED":
    case "TIMED_OUT":
      return "failed";
    case "CANCELLED":
    case "STOPPED":
      return "cancelled";
    case "READY":
      return "ready";
    case "PENDING":
      return "waiting";
    case "STARTED":
      // A step or a child context runs code; the others sit waiting for time or someone else.
      return operation.Type === "STEP" ||
        operation.Type === "CONTEXT" ||
        operation.Type === "EXECUTION"
        ? "running"
        : "waiting";
  }
}

const phaseSymbols: Record<OperationPhase, string> = {
  running: "▶",
  waiting: "◷",
  ready: "○",
  succeeded: "✓",
  failed: "✗",
  cancelled: "■",
};

/** The coloured symbol of a phase. */
export function phaseSymbol(phase: OperationPhase, colors: Colors): string {
  return paintPhase(phase, phaseSymbols[phase], colors);
}

/** Paints text in the colour of a phase. */
export function paintPhase(phase: OperationPhase, text: string, colors: Colors): string {
  switch (phase) {
    case "running":
      return colors.cyan(text);
    case "waiting":
    case "ready":
      return colors.yellow(text);
    case "succeeded":
      return colors.green(text);
    case "failed":
      return colors.red(text);
    case "cancelled":
      return colors.dim(text);
  }
}

const executionPhases: Record<ExecutionStatus, OperationPhase> = {
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  TIMED_OUT: "failed",
  STOPPED: "cancelled",
};

/** "✓ SUCCEEDED", coloured. */
export function formatExecutionStatus(status: ExecutionStatus, colors: Colors): string {
  const phase = executionPhases[status];
  return paintPhase(phase, `${phaseSymbols[phase]} ${status}`, colors);
}
