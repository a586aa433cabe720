import { LocalDurableTestRunner, WaitingOperationStatus } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventsByOperation, historySignature } from "../support/history-signature.ts";
import type { EventSignature } from "../support/history-signature.ts";
import { runInVirtualTime } from "../support/run-in-virtual-time.ts";
import { handler } from "./user-onboarding.ts";
import type { SignUp } from "./user-onboarding.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const signUp: SignUp = { email: "lin@example.com", displayName: "Lin", plan: "team" };

/** Account creation and the verification email, up to the user's click. */
const untilVerification: EventSignature[] = [
  ["ExecutionStarted", undefined, undefined],
  ["StepStarted", "Step", "create-account"],
  ["StepSucceeded", "Step", "create-account"],
  ["ContextStarted", "WaitForCallback", "verify-email"],
  ["CallbackStarted", "Callback", undefined],
  ["StepStarted", "Step", undefined],
  ["StepSucceeded", "Step", undefined],
];

describe("user onboarding", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("activates the account after the email is verified", async () => {
    const verification = runner.getOperation("verify-email");
    const run = runner.run({ payload: signUp });
    await verification.waitForData(WaitingOperationStatus.SUBMITTED);
    await verification.sendCallbackSuccess("email-link");
    const result = await run;

    expect(result.getResult()).toEqual({
      userId: "usr-lin",
      status: "ACTIVE",
      verifiedVia: "email-link",
      profileId: "prf-usr-lin",
      settings: { theme: "system", weeklyDigest: true },
      workspaceId: "ws-usr-lin-team",
    });
    // The three branches are children of the parallel context.
    expect(
      runner
        .getOperation("set-up-account")
        .getChildOperations()
        ?.map((branch) => [branch.getName(), branch.getStatus()]),
    ).toEqual([
      ["create-profile", "SUCCEEDED"],
      ["apply-default-settings", "SUCCEEDED"],
      ["provision-workspace", "SUCCEEDED"],
    ]);
    const history = historySignature(result.getHistoryEvents());
    expect(history.slice(0, untilVerification.length)).toEqual(untilVerification);
    expect(history.slice(untilVerification.length, untilVerification.length + 3)).toEqual([
      ["CallbackSucceeded", "Callback", undefined],
      ["ContextSucceeded", "WaitForCallback", "verify-email"],
      ["ContextStarted", "Parallel", "set-up-account"],
    ]);
    // The branches run concurrently and interleave; each one's own events are in order.
    expect(history).toHaveLength(untilVerification.length + 3 + 12 + 4);
    const byOperation = eventsByOperation(result.getHistoryEvents());
    for (const [branch, step] of [
      ["create-profile", "save-profile"],
      ["apply-default-settings", "save-settings"],
      ["provision-workspace", "create-workspace"],
    ]) {
      expect(byOperation[`${branch} (ParallelBranch)`]).toEqual([
        "ContextStarted",
        "ContextSucceeded",
      ]);
      expect(byOperation[`${step} (Step)`]).toEqual(["StepStarted", "StepSucceeded"]);
    }
    expect(history.slice(-4)).toEqual([
      ["ContextSucceeded", "Parallel", "set-up-account"],
      ["StepStarted", "Step", "send-welcome-email"],
      ["StepSucceeded", "Step", "send-welcome-email"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("parks the account when the email is not verified within 48 hours (virtual time)", async () => {
    const run = await runInVirtualTime(handler, signUp);

    expect(run.result).toEqual({ userId: "usr-lin", status: "UNVERIFIED" });
    expect(run.elapsedMs).toBeGreaterThanOrEqual(48 * 60 * 60 * 1000);
    expect(historySignature(run.history)).toEqual([
      ...untilVerification,
      ["CallbackTimedOut", "Callback", undefined],
      ["ContextFailed", "WaitForCallback", "verify-email"],
      ["StepStarted", "Step", "park-unverified-account"],
      ["StepSucceeded", "Step", "park-unverified-account"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });
});
