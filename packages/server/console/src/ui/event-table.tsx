/** History events as a table: id, type, time and the raw JSON of each, expandable. */
import type { ApiEvent } from "../api/api-types.ts";
import { formatInstant } from "../format/format-instant.ts";
import { toEpochMs } from "../format/to-epoch-ms.ts";

/** The table; `showOperation` adds the operation's name and id columns (for the whole history). */
export function EventTable(props: {
  events: readonly ApiEvent[];
  showOperation?: boolean;
  onShowOperation?: (id: string) => void;
}) {
  if (props.events.length === 0) return <p class="muted">No events.</p>;
  return (
    <table class="events">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Event</th>
          <th scope="col">Time</th>
          {props.showOperation === true && <th scope="col">Operation</th>}
          <th scope="col">Raw</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((event) => {
          const at = toEpochMs(event.EventTimestamp);
          return (
            <tr key={event.EventId} data-event-type={event.EventType}>
              <td>{event.EventId}</td>
              <td>
                {event.EventType}
                {event.SubType === undefined ? "" : <span class="muted"> {event.SubType}</span>}
              </td>
              <td>{at === undefined ? "" : formatInstant(at)}</td>
              {props.showOperation === true && (
                <td>
                  {event.Id === undefined ? (
                    ""
                  ) : props.onShowOperation === undefined ? (
                    <code>{event.Name ?? event.Id}</code>
                  ) : (
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => event.Id !== undefined && props.onShowOperation?.(event.Id)}
                    >
                      {event.Name ?? event.Id}
                    </button>
                  )}
                </td>
              )}
              <td>
                <details>
                  <summary>JSON</summary>
                  <pre>{JSON.stringify(event, null, 2)}</pre>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
