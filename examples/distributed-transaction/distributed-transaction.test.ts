import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historySignature } from "../support/history-signature.ts";
import { handler } from "./distributed-transaction.ts";
import type { SagaOrder } from "./distributed-transaction.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const order: SagaOrder = {
  orderId: "ord-1",
  sku: "kettle",
  quantity: 1,
  amount: 49,
  cardToken: "tok_visa",
  country: "FR",
};

describe("distributed transaction (saga)", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("reserves, charges and ships when every service accepts", async () => {
    const result = await runner.run({ payload: order });

    expect(result.getResult()).toEqual({
      orderId: "ord-1",
      status: "COMPLETED",
      reservationId: "res-ord-1-kettle",
      paymentId: "pay-ord-1",
      trackingNumber: "TRK-ORD-1",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "reserve-inventory"],
      ["StepSucceeded", "Step", "reserve-inventory"],
      ["StepStarted", "Step", "charge-payment"],
      ["StepSucceeded", "Step", "charge-payment"],
      ["StepStarted", "Step", "schedule-shipment"],
      ["StepSucceeded", "Step", "schedule-shipment"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("releases the reservation when the payment is declined, without retrying the charge", async () => {
    const result = await runner.run({ payload: { ...order, cardToken: "tok_declined" } });

    expect(result.getResult()).toEqual({
      orderId: "ord-1",
      status: "ROLLED_BACK",
      failedStep: "charge-payment",
      reason: "Card declined for order ord-1",
      compensations: ["release-inventory"],
    });
    expect(runner.getOperation("charge-payment").getStepDetails()?.attempt).toBe(1);
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "reserve-inventory"],
      ["StepSucceeded", "Step", "reserve-inventory"],
      ["StepStarted", "Step", "charge-payment"],
      ["StepFailed", "Step", "charge-payment"],
      ["StepStarted", "Step", "release-inventory"],
      ["StepSucceeded", "Step", "release-inventory"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("refunds and releases, newest first, when shipping is impossible", async () => {
    const result = await runner.run({ payload: { ...order, country: "AQ" } });

    expect(result.getResult()).toEqual({
      orderId: "ord-1",
      status: "ROLLED_BACK",
      failedStep: "schedule-shipment",
      reason: "No carrier delivers order ord-1 to AQ",
      compensations: ["refund-payment", "release-inventory"],
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "reserve-inventory"],
      ["StepSucceeded", "Step", "reserve-inventory"],
      ["StepStarted", "Step", "charge-payment"],
      ["StepSucceeded", "Step", "charge-payment"],
      ["StepStarted", "Step", "schedule-shipment"],
      ["StepFailed", "Step", "schedule-shipment"],
      ["StepStarted", "Step", "refund-payment"],
      ["StepSucceeded", "Step", "refund-payment"],
      ["StepStarted", "Step", "release-inventory"],
      ["StepSucceeded", "Step", "release-inventory"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });
});
