import { describe, expect, test } from "vitest";
import {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableOperationError,
  InvokeError,
  PromiseCombinatorError,
  StepError,
  WaitForConditionError,
} from "../index.ts";
import { errorObjectOf } from "./error-object.ts";

const classes = [
  [StepError, "StepError", "Step failed"],
  [CallbackError, "CallbackError", "Callback failed"],
  [CallbackExternalError, "CallbackExternalError", "Callback failed"],
  [CallbackTimeoutError, "CallbackTimeoutError", "Callback timed out"],
  [CallbackSubmitterError, "CallbackSubmitterError", "Callback submitter failed"],
  [InvokeError, "InvokeError", "Invoke failed"],
  [ChildContextError, "ChildContextError", "Child context failed"],
  [WaitForConditionError, "WaitForConditionError", "Wait for condition failed"],
  [PromiseCombinatorError, "PromiseCombinatorError", "Promise combinator failed"],
] as const;

describe("durable operation errors", () => {
  test.each(classes)(
    "%o has its errorType, name and default message",
    (Class, errorType, defaultMessage) => {
      const error = new Class();
      expect(error).toBeInstanceOf(DurableOperationError);
      expect(error).toBeInstanceOf(Error);
      expect(error.errorType).toBe(errorType);
      expect(error.name).toBe(errorType);
      expect(error.message).toBe(defaultMessage);
      const cause = new Error("inner");
      const full = new Class("custom", cause, "data");
      expect([full.message, full.cause, full.errorData]).toEqual(["custom", cause, "data"]);
    },
  );

  test("callback error subclasses are CallbackErrors", () => {
    expect(new CallbackTimeoutError()).toBeInstanceOf(CallbackError);
    expect(new CallbackExternalError()).toBeInstanceOf(CallbackError);
    expect(new CallbackSubmitterError()).toBeInstanceOf(CallbackError);
  });

  test("BatchCompletionError carries the completion reason", () => {
    const error = new BatchCompletionError("CUSTOM_COMPLETION_FAILED");
    expect(error.message).toBe(
      "Batch completed as failed by shouldComplete (CUSTOM_COMPLETION_FAILED)",
    );
    expect(error.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(error.errorType).toBe("BatchCompletionError");
    expect(new BatchCompletionError("X", "m").message).toBe("m");
  });

  test.each(classes)(
    "fromErrorObject rebuilds %o with a cause named after the type",
    (Class, errorType, defaultMessage) => {
      const rebuilt = DurableOperationError.fromErrorObject({
        ErrorType: errorType,
        ErrorMessage: "msg",
        ErrorData: "d",
        StackTrace: ["a", "b"],
      });
      expect(rebuilt).toBeInstanceOf(Class);
      expect(rebuilt.constructor).toBe(Class);
      expect([rebuilt.message, rebuilt.errorData]).toEqual(["msg", "d"]);
      expect(rebuilt.cause).toBeInstanceOf(Error);
      expect([rebuilt.cause?.name, rebuilt.cause?.message, rebuilt.cause?.stack]).toEqual([
        errorType,
        "msg",
        "a\nb",
      ]);
      expect(DurableOperationError.fromErrorObject({ ErrorType: errorType }).message).toBe(
        defaultMessage,
      );
    },
  );

  test("fromErrorObject turns unknown types into StepError and keeps the original name on the cause", () => {
    const rebuilt = DurableOperationError.fromErrorObject({
      ErrorType: "TypeError",
      ErrorMessage: "bad",
    });
    expect(rebuilt).toBeInstanceOf(StepError);
    expect(rebuilt.message).toBe("bad");
    expect(rebuilt.cause?.name).toBe("TypeError");
    expect(rebuilt.cause?.stack).toBeUndefined();
    const empty = DurableOperationError.fromErrorObject({});
    expect([empty.message, empty.cause?.name]).toEqual(["Unknown error", "Error"]);
    expect(
      DurableOperationError.fromErrorObject({
        ErrorType: "BatchCompletionError",
        ErrorMessage: "x",
      }),
    ).toBeInstanceOf(StepError);
  });

  test("toErrorObject takes errorData from the cause chain and never a stack", () => {
    expect(new StepError("m").toErrorObject()).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "m",
      ErrorData: undefined,
      StackTrace: undefined,
    });
    const deep = new InvokeError(
      "outer",
      new ChildContextError("mid", new CallbackError("in", undefined, "deep-data")),
    );
    expect(deep.toErrorObject().ErrorData).toBe("deep-data");
    expect(
      new InvokeError("own", new StepError("x", undefined, "inner"), "mine").toErrorObject()
        .ErrorData,
    ).toBe("mine");
  });

  test("errorObjectOf serialises anything thrown", () => {
    expect(errorObjectOf(new StepError("s", undefined, "d"))).toEqual({
      ErrorType: "StepError",
      ErrorMessage: "s",
      ErrorData: "d",
      StackTrace: undefined,
    });
    expect(errorObjectOf(new TypeError("t"))).toEqual({
      ErrorType: "TypeError",
      ErrorMessage: "t",
      ErrorData: undefined,
      StackTrace: undefined,
    });
    expect(errorObjectOf({ name: "Custom", message: "like an error" })).toMatchObject({
      ErrorType: "Custom",
      ErrorMessage: "like an error",
    });
    expect(errorObjectOf("text")).toEqual({ ErrorMessage: "Unknown error" });
    expect(errorObjectOf(undefined)).toEqual({ ErrorMessage: "Unknown error" });
  });
});
