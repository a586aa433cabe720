/**
 * The timeline: every operation as a bar on one time axis, nested under its parent context, with
 * the invocations marked as bands. Rows are virtualised (only those in view are in the DOM) and
 * groups collapse, so an execution with 10,000 operations stays responsive. Keyboard: arrows move,
 * Left/Right collapse and expand, Home/End jump, Enter shows the details.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatDuration } from "../format/format-duration.ts";
import { formatInstant } from "../format/format-instant.ts";
import { axisFraction, axisTicks } from "../timeline/axis-ticks.ts";
import type { TimelineModel } from "../timeline/timeline-types.ts";
import { groupIds, visibleRows } from "../timeline/visible-rows.ts";
import { treeKeyAction } from "../timeline/tree-keys.ts";
import { scrollToRow, virtualWindow } from "../timeline/virtual-window.ts";
import { TimelineRow } from "./timeline-row.tsx";

const rowHeight = 28;

/** The timeline of one execution. */
export function TimelineView(props: {
  model: TimelineModel;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { model } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(900);
  const [windowHeight, setWindowHeight] = useState(() => globalThis.innerHeight);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(model.rows, collapsed), [model, collapsed]);
  const byId = useMemo(() => new Map(model.rows.map((row) => [row.id, row])), [model]);

  useEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) setWidth(entry.contentRect.width);
    });
    observer.observe(body);
    const onResize = (): void => setWindowHeight(globalThis.innerHeight);
    globalThis.addEventListener("resize", onResize);
    return () => {
      observer.disconnect();
      globalThis.removeEventListener("resize", onResize);
    };
  }, []);

  // Selecting an operation from elsewhere (the "why" panel, a link) opens its groups and scrolls to it.
  useEffect(() => {
    if (props.selectedId === undefined) return;
    const hidden: string[] = [];
    for (
      let parent = byId.get(props.selectedId)?.parentId;
      parent !== undefined;
      parent = byId.get(parent)?.parentId
    ) {
      if (collapsed.has(parent)) hidden.push(parent);
    }
    if (hidden.length > 0) {
      setCollapsed(new Set([...collapsed].filter((id) => !hidden.includes(id))));
      return;
    }
    const index = rows.findIndex((row) => row.id === props.selectedId);
    const body = bodyRef.current;
    if (index < 0 || body === null) return;
    const target = scrollToRow({
      index,
      scrollTop: body.scrollTop,
      viewportHeight: body.clientHeight,
      rowHeight,
    });
    if (target !== undefined) body.scrollTop = target;
    // Once the row is rendered, bring it into the page's view too (the tree may extend below it).
    const id = props.selectedId;
    requestAnimationFrame(() =>
      document.getElementById(`tl-row-${id}`)?.scrollIntoView({ block: "nearest" }),
    );
  }, [props.selectedId, rows]);

  const toggle = (id: string): void => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const selectedIndex = rows.findIndex((row) => row.id === props.selectedId);
  // The body is as tall as its rows up to 75% of the window (see its style), so its height is known
  // here without waiting for a resize observation: the first render already fills the view.
  const viewportHeight = Math.min(rows.length * rowHeight, windowHeight * 0.75);
  const onKeyDown = (event: KeyboardEvent): void => {
    const action = treeKeyAction(event.key, {
      rows,
      selectedIndex,
      collapsed,
      pageSize: Math.max(1, Math.floor(viewportHeight / rowHeight) - 1),
    });
    if (action.kind === "none") return;
    event.preventDefault();
    if (action.kind === "toggle") toggle(action.id);
    else props.onSelect(action.id);
  };

  const view = virtualWindow({ scrollTop, viewportHeight, rowHeight, rowCount: rows.length });
  const span = model.endAt - model.startAt;
  const ticks = axisTicks(span, Math.max(2, Math.floor((width - 400) / 90)));
  const activeId = rows[selectedIndex]?.id;

  return (
    <section class="timeline" aria-label="Timeline">
      <div class="timeline-toolbar">
        <span>
          {plural(model.rows.length, "operation")} ·{" "}
          {plural(model.invocations.length, "invocation")} · {formatDuration(span)}
        </span>
        <button type="button" class="small" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" class="small" onClick={() => setCollapsed(groupIds(model.rows))}>
          Collapse all
        </button>
        <Legend />
      </div>
      <div class="tl-header" aria-hidden="true">
        <div class="tl-label">Operation</div>
        <div class="tl-axis">
          {ticks.map((offset) => (
            <span
              key={offset}
              class="tl-tick"
              style={{
                left: `${(axisFraction(model.startAt + offset, model.startAt, model.endAt) * 100).toFixed(3)}%`,
              }}
            >
              +{formatDuration(offset)}
            </span>
          ))}
          {model.invocations.map((invocation) => (
            <span
              key={invocation.number}
              class={`tl-invocation-mark${invocation.error === undefined ? "" : " failed"}`}
              data-invocation={invocation.number}
              title={invocationTitle(invocation)}
              style={{
                left: `${(axisFraction(invocation.from, model.startAt, model.endAt) * 100).toFixed(3)}%`,
              }}
            >
              {invocation.number}
            </span>
          ))}
        </div>
        <div class="tl-duration">Duration</div>
      </div>
      <div
        ref={bodyRef}
        class="tl-body"
        role="tree"
        tabIndex={0}
        aria-label="Operations on a time axis"
        aria-activedescendant={activeId === undefined ? undefined : `tl-row-${activeId}`}
        data-row-count={rows.length}
        // As tall as the rows up to three quarters of the window; beyond that it scrolls (virtualised).
        style={{ height: `${Math.ceil(viewportHeight) + 2}px` }}
        onKeyDown={onKeyDown}
        onFocus={() =>
          activeId === undefined && rows[0] !== undefined && props.onSelect(rows[0].id)
        }
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div class="tl-content" style={{ height: `${view.totalHeight}px` }}>
          <div class="tl-invocations" aria-hidden="true">
            {model.invocations.map((invocation) => (
              <div
                key={invocation.number}
                class="tl-invocation"
                style={{
                  left: `${(axisFraction(invocation.from, model.startAt, model.endAt) * 100).toFixed(3)}%`,
                  width: `${((axisFraction(invocation.to, model.startAt, model.endAt) - axisFraction(invocation.from, model.startAt, model.endAt)) * 100).toFixed(3)}%`,
                }}
              />
            ))}
          </div>
          <div class="tl-window" style={{ transform: `translateY(${view.offsetTop}px)` }}>
            {rows.slice(view.start, view.end).map((row) => (
              <TimelineRow
                key={row.id}
                row={row}
                startAt={model.startAt}
                endAt={model.endAt}
                isSelected={row.id === props.selectedId}
                isCollapsed={collapsed.has(row.id)}
                onSelect={props.onSelect}
                onToggle={toggle}
              />
            ))}
          </div>
        </div>
      </div>
      <InvocationList model={model} />
    </section>
  );
}

function invocationTitle(invocation: TimelineModel["invocations"][number]): string {
  const error =
    invocation.error === undefined
      ? ""
      : ` (failed: ${invocation.error.ErrorMessage ?? invocation.error.ErrorType ?? "error"})`;
  return `Invocation ${invocation.number}: ${formatInstant(invocation.from)} → ${formatInstant(invocation.to)}, ${formatDuration(invocation.to - invocation.from)}${error}`;
}

/** The invocations in words, for keyboard and screen-reader users (the bands are only visual). */
function InvocationList(props: { model: TimelineModel }) {
  if (props.model.invocations.length === 0) return null;
  return (
    <details class="invocations">
      <summary>Invocations ({props.model.invocations.length})</summary>
      <ol>
        {props.model.invocations.map((invocation) => (
          <li key={invocation.number}>{invocationTitle(invocation)}</li>
        ))}
      </ol>
    </details>
  );
}

function Legend() {
  return (
    <ul class="legend" aria-label="Legend">
      <li>
        <span class="swatch tl-seg-run phase-running" aria-hidden="true" /> running
      </li>
      <li>
        <span class="swatch tl-seg-wait phase-waiting" aria-hidden="true" /> waiting
      </li>
      <li>
        <span class="swatch tl-seg-run phase-succeeded" aria-hidden="true" /> succeeded
      </li>
      <li>
        <span class="swatch tl-seg-run phase-failed" aria-hidden="true" /> failed
      </li>
      <li>
        <span class="swatch tl-seg-retry-delay phase-waiting" aria-hidden="true" /> retry delay
      </li>
      <li>
        <span class="swatch tl-invocation" aria-hidden="true" /> invocation
      </li>
    </ul>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
