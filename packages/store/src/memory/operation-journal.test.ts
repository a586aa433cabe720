import type { Operation } from "@durably/sdk/protocol";
import { describe, expect, it } from "vitest";
import { OperationJournal } from "./operation-journal.ts";

const op = (seq: number, id: string, status: Operation["Status"] = "STARTED") => ({
  executionId: "e1",
  seq,
  operation: { Id: id, Type: "STEP" as const, Status: status },
});
const summary = (
  records: readonly { seq: number; updatedVersion: number; operation: Operation }[],
) => records.map((r) => `${r.seq}:${r.operation.Id}@${r.updatedVersion}`);

describe("OperationJournal", () => {
  it("keeps operations in seq order and replaces rewritten ones in place", () => {
    const journal = new OperationJournal();
    journal.write([op(3, "c"), op(1, "a")], 1);
    journal.write([op(2, "b"), op(3, "c", "SUCCEEDED")], 2);
    expect(summary(journal.all())).toStrictEqual(["1:a@1", "2:b@2", "3:c@2"]);
    expect(journal.get("c")?.operation.Status).toBe("SUCCEEDED");
    expect(journal.idAtSeq(2)).toBe("b");
    expect(journal.idAtSeq(4)).toBeUndefined();
  });

  it("returns what each write replaced", () => {
    const journal = new OperationJournal();
    journal.write([op(1, "a")], 1);
    const previous = journal.write([op(1, "a", "FAILED"), op(2, "b")], 2);
    expect(previous.map((r) => r?.updatedVersion)).toStrictEqual([1, undefined]);
  });

  it("lists the operations changed after a version from its change log, once each, in seq order", () => {
    const journal = new OperationJournal();
    for (let version = 1; version <= 50; version++)
      journal.write([op(version, `op${version}`)], version);
    journal.write([op(7, "op7", "SUCCEEDED"), op(3, "op3", "SUCCEEDED")], 51);
    journal.write([op(7, "op7", "FAILED")], 52);
    expect(summary(journal.changedAfter(49))).toStrictEqual(["3:op3@51", "7:op7@52", "50:op50@50"]);
    expect(summary(journal.changedAfter(51))).toStrictEqual(["7:op7@52"]);
    expect(journal.changedAfter(52)).toStrictEqual([]);
    expect(journal.changedAfter(0)).toHaveLength(50);
  });
});
