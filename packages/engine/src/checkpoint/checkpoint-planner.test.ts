import type { OperationUpdate } from "@durably/sdk/protocol";
import { DurablyError } from "@durably/store";
import { describe, expect, it } from "vitest";
import { openCheckpointFixture } from "../internal/testing/checkpoint-fixture.ts";
import { step } from "../internal/testing/raw-invocation.ts";

const ctx = (
  id: string,
  action: OperationUpdate["Action"],
  extra: Partial<OperationUpdate> = {},
): OperationUpdate => ({
  Id: id,
  Type: "CONTEXT",
  SubType: "RunInChildContext",
  Action: action,
  ...extra,
});
const wait = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: id,
  Type: "WAIT",
  SubType: "Wait",
  Action: "START",
  WaitOptions: { WaitSeconds: 5 },
  ...extra,
});
const callback = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: id,
  Type: "CALLBACK",
  SubType: "Callback",
  Action: "START",
  ...extra,
});
const invoke = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
  Id: id,
  Type: "CHAINED_INVOKE",
  SubType: "ChainedInvoke",
  Action: "START",
  ChainedInvokeOptions: { FunctionName: "fn" },
  ...extra,
});
const execution = (
  action: OperationUpdate["Action"],
  extra: Partial<OperationUpdate> = {},
): OperationUpdate => ({
  Id: "execution-result",
  Type: "EXECUTION",
  Action: action,
  ...extra,
});
const retry = (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate =>
  step(id, "RETRY", { StepOptions: { NextAttemptDelaySeconds: 5 }, ...extra });
const cancel = (type: OperationUpdate["Type"], id: string): OperationUpdate => ({
  Id: id,
  Type: type,
  Action: "CANCEL",
});

interface Case {
  name: string;
  setup?: OperationUpdate[][];
  updates: OperationUpdate[];
  message: string;
}

const cases: Case[] = [
  {
    name: "two EXECUTION updates",
    updates: [execution("SUCCEED"), execution("FAIL")],
    message: "Cannot checkpoint multiple EXECUTION updates.",
  },
  {
    name: "an EXECUTION update before another",
    updates: [execution("SUCCEED"), step("a", "START")],
    message: "EXECUTION checkpoint must be the last update.",
  },
  {
    name: "an update without Id",
    updates: [{ Type: "STEP", Action: "START" } as OperationUpdate],
    message: "Operation update must have an Id.",
  },
  {
    name: "an update with an empty Id",
    updates: [step("", "START")],
    message: "Operation update must have an Id.",
  },
  {
    name: "START twice in one request",
    updates: [step("a", "START"), step("a", "START")],
    message: "Cannot update the same operation twice in a single request.",
  },
  {
    name: "two outcomes in one request",
    updates: [step("a", "SUCCEED"), step("a", "FAIL")],
    message: "Cannot update the same operation twice in a single request.",
  },
  {
    name: "three updates of one step",
    updates: [
      step("a", "START"),
      step("a", "RETRY", { StepOptions: { NextAttemptDelaySeconds: 1 } }),
      step("a", "SUCCEED"),
    ],
    message: "Cannot update the same operation twice in a single request.",
  },
  {
    name: "a WAIT twice in one request",
    updates: [wait("w"), cancel("WAIT", "w")],
    message: "Cannot update the same operation twice in a single request.",
  },
  {
    name: "an unknown parent",
    updates: [step("a", "START", { ParentId: "nope" })],
    message: "Invalid parent operation id.",
  },
  {
    name: "a parent that is a STEP",
    setup: [[step("p", "START")]],
    updates: [step("a", "START", { ParentId: "p" })],
    message: "Invalid parent operation id.",
  },
  {
    name: "a parent started later in the request",
    updates: [step("a", "START", { ParentId: "c" }), ctx("c", "START")],
    message: "Invalid parent operation id.",
  },
  {
    name: "an error of 32768 bytes or more",
    updates: [step("a", "FAIL", { Error: { ErrorMessage: "x".repeat(32_768) } })],
    message: "Error object size must be less than 32768 bytes.",
  },
  {
    name: "a payload over the size limit",
    updates: [step("a", "SUCCEED", { Payload: "x".repeat(6_291_457) })],
    message: "Payload size must be at most 6291456 characters.",
  },
  {
    name: "an unknown type",
    updates: [{ Id: "a", Type: "TIMER", Action: "START" } as unknown as OperationUpdate],
    message: "Unknown operation type.",
  },
  {
    name: "an unknown action",
    updates: [step("a", "JUMP" as OperationUpdate["Action"])],
    message: "Invalid STEP action.",
  },
  {
    name: "RETRY on a WAIT",
    updates: [{ ...wait("w"), Action: "RETRY" }],
    message: "Invalid action for the given operation type.",
  },
  {
    name: "CANCEL on a STEP",
    updates: [cancel("STEP", "a")],
    message: "Invalid action for the given operation type.",
  },
  {
    name: "START on the EXECUTION",
    updates: [execution("START")],
    message: "Invalid action for the given operation type.",
  },
  {
    name: "SUCCEED on a CALLBACK",
    updates: [{ ...callback("c"), Action: "SUCCEED" }],
    message: "Invalid action for the given operation type.",
  },
  {
    name: "START on a STARTED step",
    setup: [[step("a", "START")]],
    updates: [step("a", "START")],
    message: "Invalid current STEP state to start.",
  },
  {
    name: "START on a PENDING step",
    setup: [[retry("a")]],
    updates: [step("a", "START")],
    message: "Invalid current STEP state to start.",
  },
  {
    name: "SUCCEED on a SUCCEEDED step",
    setup: [[step("a", "SUCCEED")]],
    updates: [step("a", "SUCCEED")],
    message: "Invalid current STEP state to close.",
  },
  {
    name: "FAIL on a PENDING step",
    setup: [[retry("a")]],
    updates: [step("a", "FAIL")],
    message: "Invalid current STEP state to close.",
  },
  {
    name: "RETRY on a PENDING step",
    setup: [[retry("a")]],
    updates: [retry("a")],
    message: "Invalid current STEP state to re-attempt.",
  },
  {
    name: "RETRY on a FAILED step",
    setup: [[step("a", "FAIL")]],
    updates: [retry("a")],
    message: "Invalid current STEP state to re-attempt.",
  },
  {
    name: "a step update on a WAIT",
    setup: [[wait("w")]],
    updates: [step("w", "SUCCEED")],
    message: "Invalid current STEP state to close.",
  },
  {
    name: "RETRY without StepOptions",
    updates: [step("a", "RETRY")],
    message: "Invalid StepOptions for the given action.",
  },
  {
    name: "RETRY with a zero delay",
    updates: [retry("a", { StepOptions: { NextAttemptDelaySeconds: 0 } })],
    message: "Invalid StepOptions for the given action.",
  },
  {
    name: "RETRY with error and payload",
    updates: [retry("a", { Error: { ErrorMessage: "x" }, Payload: "1" })],
    message: "Cannot provide both error and payload to RETRY a STEP.",
  },
  {
    name: "SUCCEED with an Error",
    updates: [step("a", "SUCCEED", { Error: { ErrorMessage: "x" } })],
    message: "Cannot provide an Error for SUCCEED action.",
  },
  {
    name: "FAIL with a Payload",
    updates: [step("a", "FAIL", { Payload: "1" })],
    message: "Cannot provide a Payload for FAIL action.",
  },
  {
    name: "a CONTEXT started twice",
    setup: [[ctx("c", "START")]],
    updates: [ctx("c", "START")],
    message: "Cannot start a CONTEXT that already exists.",
  },
  {
    name: "a closed CONTEXT closed again",
    setup: [[ctx("c", "SUCCEED")]],
    updates: [ctx("c", "FAIL")],
    message: "Invalid current CONTEXT state to close.",
  },
  {
    name: "a CONTEXT FAIL with a Payload",
    updates: [ctx("c", "FAIL", { Payload: "1" })],
    message: "Cannot provide a Payload for FAIL action.",
  },
  {
    name: "a WAIT started twice",
    setup: [[wait("w")]],
    updates: [wait("w")],
    message: "Cannot start a WAIT that already exists.",
  },
  {
    name: "a WAIT without WaitOptions",
    updates: [wait("w", { WaitOptions: undefined })],
    message: "Invalid WaitOptions for the given action.",
  },
  {
    name: "a WAIT longer than a year",
    updates: [wait("w", { WaitOptions: { WaitSeconds: 31_622_401 } })],
    message: "Invalid WaitOptions for the given action.",
  },
  {
    name: "a CALLBACK started twice",
    setup: [[callback("c")]],
    updates: [callback("c")],
    message: "Cannot start a CALLBACK that already exists.",
  },
  {
    name: "a CALLBACK with a negative timeout",
    updates: [callback("c", { CallbackOptions: { TimeoutSeconds: -1 } })],
    message: "Invalid CallbackOptions for the given action.",
  },
  {
    name: "a CHAINED_INVOKE started twice",
    setup: [[invoke("i")]],
    updates: [invoke("i")],
    message: "Cannot start a CHAINED_INVOKE that already exists.",
  },
  {
    name: "a CHAINED_INVOKE without FunctionName",
    updates: [invoke("i", { ChainedInvokeOptions: undefined })],
    message: "Invalid ChainedInvokeOptions for the given action.",
  },
  {
    name: "cancelling a WAIT that does not exist",
    updates: [cancel("WAIT", "w")],
    message: "Cannot cancel a WAIT that does not exist or has already completed.",
  },
  {
    name: "cancelling a CALLBACK that does not exist",
    updates: [cancel("CALLBACK", "c")],
    message: "Cannot cancel a CALLBACK that does not exist or has already completed.",
  },
  {
    name: "cancelling a CHAINED_INVOKE that does not exist",
    updates: [cancel("CHAINED_INVOKE", "i")],
    message: "Cannot cancel a CHAINED_INVOKE that does not exist or has already completed.",
  },
  {
    name: "cancelling a cancelled WAIT",
    setup: [[wait("w")], [cancel("WAIT", "w")]],
    updates: [cancel("WAIT", "w")],
    message: "Cannot cancel a WAIT that does not exist or has already completed.",
  },
  {
    name: "EXECUTION SUCCEED with an Error",
    updates: [execution("SUCCEED", { Error: { ErrorMessage: "x" } })],
    message: "Cannot provide an Error for SUCCEED action.",
  },
  {
    name: "EXECUTION FAIL with a Payload",
    updates: [execution("FAIL", { Payload: "1" })],
    message: "Cannot provide a Payload for FAIL action.",
  },
  // The rules are checked in order over the whole batch before any update is looked at alone.
  {
    name: "an illegal transition before a missing Id (Id rule first)",
    setup: [[step("a", "START")]],
    updates: [step("a", "START"), { Type: "STEP", Action: "START" } as OperationUpdate],
    message: "Operation update must have an Id.",
  },
  {
    name: "a bad parent after an illegal transition (parent rule first)",
    setup: [[step("a", "START")]],
    updates: [step("a", "START"), step("b", "START", { ParentId: "x" })],
    message: "Invalid parent operation id.",
  },
  {
    name: "a valid update followed by an illegal one (atomic)",
    updates: [step("ok", "START"), step("ok2", "FAIL", { Payload: "1" })],
    message: "Cannot provide a Payload for FAIL action.",
  },
];

describe("checkpoint validation", () => {
  it.each(cases)(
    "rejects $name with the service's message and writes nothing",
    async ({ setup = [], updates, message }) => {
      const fixture = await openCheckpointFixture();
      const { invocation } = fixture.current;
      for (const batch of setup) await invocation.checkpoint(batch);
      const before = await fixture.snapshot();
      const tokenBefore = invocation.token;

      const error: unknown = await invocation.checkpoint(updates).then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name: "InvalidParameterValueException",
        message,
        code: "INVALID_CHECKPOINT",
        $metadata: { httpStatusCode: 400 },
      });
      expect(DurablyError.is(error)).toBe(true);
      expect(await fixture.snapshot()).toBe(before);
      // The token is still the latest: a valid request goes through.
      expect(invocation.token).toBe(tokenBefore);
      await expect(invocation.checkpoint([])).resolves.toMatchObject({
        CheckpointToken: expect.any(String),
      });
    },
  );

  it("accepts START followed by an outcome of the same STEP or CONTEXT in one request", async () => {
    const { current } = await openCheckpointFixture();
    await current.invocation.checkpoint([
      ctx("c", "START"),
      step("a", "START", { ParentId: "c" }),
      step("a", "SUCCEED", { ParentId: "c", Payload: "1" }),
      ctx("c", "SUCCEED", { Payload: "2" }),
    ]);
    expect(current.invocation.get("a")?.Status).toBe("SUCCEEDED");
    expect(current.invocation.get("c")?.Status).toBe("SUCCEEDED");
  });

  it("accepts a parent that exists from an earlier request, whatever its status", async () => {
    const { current } = await openCheckpointFixture();
    await current.invocation.checkpoint([ctx("c", "START")]);
    await current.invocation.checkpoint([ctx("c", "SUCCEED")]);
    await expect(
      current.invocation.checkpoint([step("a", "START", { ParentId: "c" })]),
    ).resolves.toBeDefined();
  });

  it("accepts an error update just under 32768 bytes", async () => {
    const { current } = await openCheckpointFixture();
    const update = step("a", "FAIL", { Error: { ErrorMessage: "" } });
    const overhead = Buffer.byteLength(JSON.stringify(update));
    const fits = step("a", "FAIL", { Error: { ErrorMessage: "x".repeat(32_767 - overhead) } });
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(32_767);
    await expect(current.invocation.checkpoint([fits])).resolves.toBeDefined();
  });
});
