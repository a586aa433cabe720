/**
 * Which rows of a long list to render: only those in the viewport plus a margin, so an execution
 * with 10,000 operations puts a few dozen rows in the DOM.
 */

/** Rows [start, end) to render and the offset of the first one. */
export interface VirtualWindow {
  start: number;
  end: number;
  offsetTop: number;
  totalHeight: number;
}

/** The window for a scroll position; `overscan` rows are added on both sides to hide blank edges. */
export function virtualWindow(options: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan?: number;
}): VirtualWindow {
  const { rowHeight, rowCount } = options;
  const overscan = options.overscan ?? 8;
  const totalHeight = rowCount * rowHeight;
  const first = Math.floor(Math.max(0, options.scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, options.viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount, first - overscan));
  const end = Math.max(start, Math.min(rowCount, first + visible + overscan));
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The scrollTop that brings row `index` into view, or undefined when it already is. */
export function scrollToRow(options: {
  index: number;
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
}): number | undefined {
  const top = options.index * options.rowHeight;
  const bottom = top + options.rowHeight;
  if (top < options.scrollTop) return top;
  if (bottom > options.scrollTop + options.viewportHeight) return bottom - options.viewportHeight;
  return undefined;
}
