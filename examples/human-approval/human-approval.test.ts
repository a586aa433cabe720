import { LocalDurableTestRunner, WaitingOperationStatus } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historySignature } from "../support/history-signature.ts";
import type { EventSignature } from "../support/history-signature.ts";
import { runInVirtualTime } from "../support/run-in-virtual-time.ts";
import { handler } from "./human-approval.ts";
import type { PurchaseRequest } from "./human-approval.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const request: PurchaseRequest = {
  requestId: "pr-7",
  requester: "sam@example.com",
  approver: "kim@example.com",
  item: "standing desk",
  amountCents: 64_900,
};

/** The history up to the approver's answer: the waitForCallback context, its callback and the email step. */
const askForApproval: EventSignature[] = [
  ["ExecutionStarted", undefined, undefined],
  ["ContextStarted", "WaitForCallback", "manager-approval"],
  ["CallbackStarted", "Callback", undefined],
  ["StepStarted", "Step", undefined],
  ["StepSucceeded", "Step", undefined],
];

describe("human approval", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  /** Runs the request and answers the approval callback with `decision` once the email went out. */
  async function runAndAnswer(decision: unknown) {
    const approval = runner.getOperation("manager-approval");
    const run = runner.run({ payload: request });
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    await approval.sendCallbackSuccess(JSON.stringify(decision));
    return run;
  }

  it("places the order once the manager approves", async () => {
    const result = await runAndAnswer({ approved: true, comment: "ok, within budget" });

    expect(result.getResult()).toEqual({
      requestId: "pr-7",
      status: "APPROVED",
      purchaseOrderId: "po-pr-7",
      comment: "ok, within budget",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ...askForApproval,
      ["CallbackSucceeded", "Callback", undefined],
      ["ContextSucceeded", "WaitForCallback", "manager-approval"],
      ["StepStarted", "Step", "place-purchase-order"],
      ["StepSucceeded", "Step", "place-purchase-order"],
      ["StepStarted", "Step", "notify-approval"],
      ["StepSucceeded", "Step", "notify-approval"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("tells the requester when the manager rejects, and orders nothing", async () => {
    const result = await runAndAnswer({ approved: false, comment: "use the spare one" });

    expect(result.getResult()).toEqual({
      requestId: "pr-7",
      status: "REJECTED",
      comment: "use the spare one",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ...askForApproval,
      ["CallbackSucceeded", "Callback", undefined],
      ["ContextSucceeded", "WaitForCallback", "manager-approval"],
      ["StepStarted", "Step", "notify-rejection"],
      ["StepSucceeded", "Step", "notify-rejection"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("expires the request when nobody answers within 24 hours (virtual time)", async () => {
    const run = await runInVirtualTime(handler, request);

    expect(run.execution.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ requestId: "pr-7", status: "EXPIRED" });
    expect(run.elapsedMs).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
    expect(historySignature(run.history)).toEqual([
      ...askForApproval,
      ["CallbackTimedOut", "Callback", undefined],
      ["ContextFailed", "WaitForCallback", "manager-approval"],
      ["StepStarted", "Step", "notify-expiry"],
      ["StepSucceeded", "Step", "notify-expiry"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });
});
