/**
 * Keyboard navigation of the timeline's tree (the WAI-ARIA tree pattern): what a key does given
 * the visible rows and the selected one. Kept apart from the view so it is tested without a DOM.
 */
import type { TimelineRow } from "./timeline-types.ts";

/** What a key press asks for. */
export type TreeKeyAction =
  | { kind: "select"; id: string }
  | { kind: "toggle"; id: string }
  | { kind: "none" };

/** The action for `key`; `pageSize` rows per PageUp/PageDown. "none" lets the browser have the key. */
export function treeKeyAction(
  key: string,
  state: {
    rows: readonly TimelineRow[];
    selectedIndex: number;
    collapsed: ReadonlySet<string>;
    pageSize: number;
  },
): TreeKeyAction {
  const { rows, selectedIndex, collapsed } = state;
  const current = rows[selectedIndex];
  const select = (index: number): TreeKeyAction => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    return row === undefined ? { kind: "none" } : { kind: "select", id: row.id };
  };
  switch (key) {
    case "ArrowDown":
      return select(selectedIndex + 1);
    case "ArrowUp":
      return select(selectedIndex < 0 ? 0 : selectedIndex - 1);
    case "PageDown":
      return select(selectedIndex + state.pageSize);
    case "PageUp":
      return select(selectedIndex - state.pageSize);
    case "Home":
      return select(0);
    case "End":
      return select(rows.length - 1);
    case "ArrowRight":
      // Expand a collapsed group, or step into an open one; nothing on a leaf.
      if (current === undefined || current.childCount === 0) return { kind: "none" };
      return collapsed.has(current.id)
        ? { kind: "toggle", id: current.id }
        : select(selectedIndex + 1);
    case "ArrowLeft":
      // Collapse an open group, or go up to the parent.
      if (current === undefined) return { kind: "none" };
      if (current.childCount > 0 && !collapsed.has(current.id))
        return { kind: "toggle", id: current.id };
      return current.parentId === undefined
        ? { kind: "none" }
        : { kind: "select", id: current.parentId };
    case "Enter":
    case " ":
      return current === undefined ? select(0) : { kind: "select", id: current.id };
    default:
      return { kind: "none" };
  }
}
