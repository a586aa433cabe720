import { describe, expect, it } from "vitest";
import { EventLog, operation } from "../internal/testing/fixtures.ts";
import { buildTimeline } from "./build-timeline.ts";
import { treeKeyAction } from "./tree-keys.ts";
import { visibleRows } from "./visible-rows.ts";

// map m → items i1 (step s1), i2 (step s2); then a top-level step t.
const { rows } = buildTimeline({
  operations: [
    operation({ Id: "m", Type: "CONTEXT", SubType: "Map" }),
    operation({ Id: "i1", ParentId: "m", Type: "CONTEXT" }),
    operation({ Id: "s1", ParentId: "i1", Type: "STEP" }),
    operation({ Id: "i2", ParentId: "m", Type: "CONTEXT" }),
    operation({ Id: "s2", ParentId: "i2", Type: "STEP" }),
    operation({ Id: "t", Type: "STEP" }),
  ],
  events: new EventLog().events,
  startedAt: 0,
  endedAt: 10,
  now: 10,
});
const at = (id: string): number => rows.findIndex((row) => row.id === id);
const state = (selected: string, collapsed: string[] = []) => ({
  rows: visibleRows(rows, new Set(collapsed)),
  selectedIndex: visibleRows(rows, new Set(collapsed)).findIndex((row) => row.id === selected),
  collapsed: new Set(collapsed),
  pageSize: 3,
});

describe("treeKeyAction", () => {
  it("moves up and down, by pages, and to both ends, staying inside the list", () => {
    expect(treeKeyAction("ArrowDown", state("m"))).toEqual({ kind: "select", id: "i1" });
    expect(treeKeyAction("ArrowUp", state("m"))).toEqual({ kind: "select", id: "m" });
    expect(treeKeyAction("ArrowDown", state("t"))).toEqual({ kind: "select", id: "t" });
    expect(treeKeyAction("PageDown", state("m"))).toEqual({ kind: "select", id: "i2" });
    expect(treeKeyAction("PageUp", state("i2"))).toEqual({ kind: "select", id: "m" });
    expect(treeKeyAction("End", state("m"))).toEqual({ kind: "select", id: "t" });
    expect(treeKeyAction("Home", state("t"))).toEqual({ kind: "select", id: "m" });
    expect(at("t")).toBe(5);
  });

  it("collapses an open group with Left, then goes to the parent", () => {
    expect(treeKeyAction("ArrowLeft", state("i1"))).toEqual({ kind: "toggle", id: "i1" });
    expect(treeKeyAction("ArrowLeft", state("i1", ["i1"]))).toEqual({ kind: "select", id: "m" });
    expect(treeKeyAction("ArrowLeft", state("s2"))).toEqual({ kind: "select", id: "i2" });
    expect(treeKeyAction("ArrowLeft", state("t"))).toEqual({ kind: "none" });
  });

  it("expands a collapsed group with Right, then steps into it; leaves have nothing to open", () => {
    expect(treeKeyAction("ArrowRight", state("m", ["m"]))).toEqual({ kind: "toggle", id: "m" });
    expect(treeKeyAction("ArrowRight", state("m"))).toEqual({ kind: "select", id: "i1" });
    expect(treeKeyAction("ArrowRight", state("s1"))).toEqual({ kind: "none" });
  });

  it("selects the first row on Enter when nothing is selected, and leaves other keys to the browser", () => {
    expect(treeKeyAction("Enter", { ...state("m"), selectedIndex: -1 })).toEqual({
      kind: "select",
      id: "m",
    });
    expect(treeKeyAction("Tab", state("m"))).toEqual({ kind: "none" });
  });
});
