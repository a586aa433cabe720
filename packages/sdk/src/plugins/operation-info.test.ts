import { describe, expect, test } from "vitest";
import { StepError } from "../errors/durable-operation-error.ts";
import type { Operation } from "../protocol/wire.ts";
import { toOperationInfo, toOperationInfoMap } from "./operation-info.ts";

const identity = {
  id: "c4ca4238a0b92382",
  name: "charge",
  type: "STEP",
  subType: "Step",
  parentId: undefined,
};

describe("toOperationInfo", () => {
  test("maps a record's fields, leaving out what it does not have", () => {
    const record: Operation = {
      Id: "c4ca4238a0b92382",
      ParentId: "eccbc87e4b5ce2fe",
      Name: "charge",
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StartTimestamp: new Date(1_000),
      EndTimestamp: new Date(2_000),
      StepDetails: { Attempt: 2, Result: '"ok"' },
    };
    expect(toOperationInfo(record, undefined, true)).toStrictEqual({
      id: "c4ca4238a0b92382",
      type: "STEP",
      isReplay: true,
      name: "charge",
      subType: "Step",
      parentId: "eccbc87e4b5ce2fe",
      status: "SUCCEEDED",
      startTimestamp: new Date(1_000),
      endTimestamp: new Date(2_000),
      result: '"ok"',
      attempt: 2,
    });
  });

  test("rebuilds the recorded error of any operation kind", () => {
    const info = toOperationInfo({
      Id: "x",
      Type: "CONTEXT",
      Status: "FAILED",
      ContextDetails: { Error: { ErrorType: "TypeError", ErrorMessage: "boom" } },
    });
    expect(info.error).toBeInstanceOf(StepError);
    expect(info.error?.message).toBe("boom");
  });

  test("fills in the identity when there is no record yet", () => {
    expect(toOperationInfo(undefined, identity)).toStrictEqual({
      id: "c4ca4238a0b92382",
      type: "STEP",
      isReplay: false,
      name: "charge",
      subType: "Step",
    });
  });

  test("maps records by id", () => {
    const map = toOperationInfoMap([
      { Id: "a", Type: "EXECUTION", Status: "STARTED" },
      { Id: "b", Type: "WAIT", Status: "SUCCEEDED", SubType: "Wait" },
    ]);
    expect(Object.keys(map)).toEqual(["a", "b"]);
    expect(map.b).toMatchObject({ type: "WAIT", status: "SUCCEEDED", isReplay: false });
  });
});
