/** A status as a coloured badge that also says it in words (colour is never the only signal). */
import type { ExecutionStatus, OperationStatus } from "../api/api-types.ts";

const symbols: Readonly<Record<string, string>> = {
  RUNNING: "●",
  STARTED: "●",
  PENDING: "◷",
  READY: "◷",
  SUCCEEDED: "✓",
  FAILED: "✕",
  TIMED_OUT: "⌛",
  STOPPED: "■",
  CANCELLED: "–",
};

/** The badge of an execution or operation status. */
export function StatusBadge(props: { status: ExecutionStatus | OperationStatus }) {
  return (
    <span
      class={`status status-${props.status.toLowerCase().replace("_", "-")}`}
      data-status={props.status}
    >
      <span aria-hidden="true">{symbols[props.status] ?? "?"}</span>{" "}
      {props.status.replace("_", " ")}
    </span>
  );
}
