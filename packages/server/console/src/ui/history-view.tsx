/** The raw history of an execution, a chunk at a time (large histories would flood the DOM). */
import { useState } from "preact/hooks";
import type { ApiEvent } from "../api/api-types.ts";
import { EventTable } from "./event-table.tsx";

const chunk = 500;

/** The history tab. */
export function HistoryView(props: {
  events: readonly ApiEvent[];
  onShowOperation: (id: string) => void;
}) {
  const [shown, setShown] = useState(chunk);
  const [typeFilter, setTypeFilter] = useState("");
  const types = [...new Set(props.events.map((event) => event.EventType))].sort();
  const filtered =
    typeFilter === ""
      ? props.events
      : props.events.filter((event) => event.EventType === typeFilter);
  return (
    <section class="history" aria-label="History events">
      <div class="history-toolbar">
        <label for="history-type">Event type</label>
        <select
          id="history-type"
          value={typeFilter}
          onChange={(event) => setTypeFilter(event.currentTarget.value)}
        >
          <option value="">All ({props.events.length})</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <button type="button" class="small" onClick={() => download(props.events)}>
          Download JSON
        </button>
      </div>
      <EventTable
        events={filtered.slice(0, shown)}
        showOperation
        onShowOperation={props.onShowOperation}
      />
      {filtered.length > shown && (
        <button type="button" onClick={() => setShown(shown + chunk)}>
          Show {Math.min(chunk, filtered.length - shown)} more of {filtered.length - shown}
        </button>
      )}
    </section>
  );
}

/** Saves the events as a file; built on click, since a large history is megabytes of text. */
function download(events: readonly ApiEvent[]): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(events, null, 2)], { type: "application/json" }),
  );
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = "history.json";
  anchor.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
