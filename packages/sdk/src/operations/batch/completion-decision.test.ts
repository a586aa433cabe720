import { expect, test } from "vitest";
import {
  BatchItemStatus,
  completeBatch,
  CompletionOutcome,
  continueBatch,
  NestingType,
} from "../../index.ts";

test("completion decision factories and batch constants", () => {
  expect(continueBatch()).toEqual({ complete: false });
  expect(completeBatch()).toEqual({ complete: true, outcome: "SUCCEEDED" });
  expect(completeBatch(CompletionOutcome.FAILED)).toEqual({ complete: true, outcome: "FAILED" });
  expect(Object.values(BatchItemStatus)).toEqual(["SUCCEEDED", "FAILED", "STARTED"]);
  expect(NestingType).toEqual({ NESTED: "NESTED", FLAT: "FLAT" });
});
