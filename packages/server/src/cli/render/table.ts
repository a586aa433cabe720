/**
 * Plain text tables: columns padded to their widest cell, two spaces apart. Cells may carry
 * colour; widths are measured on the visible text.
 */
import { visibleWidth } from "./colors.ts";
import type { Colors } from "./colors.ts";

/** A column of {@link renderTable}. */
export interface TableColumn {
  header: string;
  align?: "left" | "right";
}

/** Renders a table with a header row; returns lines joined by "\n" (no trailing newline). */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  colors?: Colors,
): string {
  const widths = columns.map((column, index) =>
    Math.max(visibleWidth(column.header), ...rows.map((row) => visibleWidth(row[index] ?? ""))),
  );
  const line = (
    cells: readonly string[],
    decorate: (text: string) => string = (text) => text,
  ): string =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const padding = " ".repeat(Math.max(0, (widths[index] ?? 0) - visibleWidth(cell)));
        return column.align === "right" ? padding + decorate(cell) : decorate(cell) + padding;
      })
      .join("  ")
      .trimEnd();
  const header = line(
    columns.map((column) => column.header),
    colors === undefined ? undefined : colors.bold,
  );
  return [header, ...rows.map((row) => line(row))].join("\n");
}

/** Renders "key: value" lines with the keys aligned. */
export function renderFields(
  fields: readonly (readonly [string, string])[],
  colors?: Colors,
): string {
  const width = Math.max(0, ...fields.map(([key]) => key.length + 1));
  return fields
    .map(([key, value]) => {
      const label = `${key}:`.padEnd(width);
      return `${colors === undefined ? label : colors.bold(label)}  ${value}`;
    })
    .join("\n");
}
