import { expect, it } from "vitest";
import { createColors } from "./colors.ts";
import { renderFields, renderTable } from "./table.ts";

it("pads columns to their widest cell and right-aligns where asked", () => {
  const table = renderTable(
    [{ header: "NAME" }, { header: "N", align: "right" }, { header: "NOTE" }],
    [
      ["alpha", "1", ""],
      ["b", "100", "x"],
    ],
  );
  expect(table).toBe(["NAME     N  NOTE", "alpha    1", "b      100  x"].join("\n"));
});

it("measures coloured cells by their visible text", () => {
  const colors = createColors(true);
  const table = renderTable([{ header: "S" }, { header: "T" }], [[colors.green("ok"), "x"]]);
  expect(table.split("\n")[1]).toBe(`${colors.green("ok")}  x`);
});

it("aligns the values of key-value fields", () => {
  expect(
    renderFields([
      ["Name", "a"],
      ["Function", "b"],
    ]),
  ).toBe("Name:      a\nFunction:  b");
});
