import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historySignature } from "../support/history-signature.ts";
import {
  customerService,
  fulfillmentService,
  handler,
  inventoryService,
  paymentService,
} from "./orchestrator.ts";
import type { OrchestratedOrder } from "./orchestrator.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const order: OrchestratedOrder = {
  orderId: "ord-77",
  customerId: "cus-1",
  items: [
    { sku: "lamp", quantity: 2 },
    { sku: "bulb", quantity: 4 },
  ],
  paymentToken: "tok_visa",
};

const invoke = (event: string, name: string): [string, string, string] => [
  event,
  "ChainedInvoke",
  name,
];

describe("orchestrator", () => {
  // The targets are registered under the names the orchestrator invokes.
  const runner = new LocalDurableTestRunner({ handlerFunction: handler })
    .registerDurableFunction("customerService", customerService)
    .registerDurableFunction("inventoryService", inventoryService)
    .registerDurableFunction("paymentService", paymentService)
    .registerDurableFunction("fulfillmentService", fulfillmentService);
  beforeEach(() => runner.reset());

  it("calls customer, inventory, payment and fulfilment in turn", async () => {
    const result = await runner.run({ payload: order });

    // 2 × 39.00 + 4 × 4.50 = 96.00, minus 10% for a gold customer.
    expect(result.getResult()).toEqual({
      orderId: "ord-77",
      status: "FULFILLED",
      customer: "Ada Lovelace",
      reservationId: "res-ord-77",
      paymentId: "pay-ord-77",
      chargedCents: 8_640,
      shipmentId: "shp-res-ord-77",
    });
    expect(runner.getOperation("take-payment").getChainedInvokeDetails()?.result).toEqual({
      paymentId: "pay-ord-77",
      chargedCents: 8_640,
    });
    // The orchestrator's own journal holds one operation per call; the targets' steps are in theirs.
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      invoke("ChainedInvokeStarted", "get-customer"),
      invoke("ChainedInvokeSucceeded", "get-customer"),
      invoke("ChainedInvokeStarted", "reserve-inventory"),
      invoke("ChainedInvokeSucceeded", "reserve-inventory"),
      invoke("ChainedInvokeStarted", "take-payment"),
      invoke("ChainedInvokeSucceeded", "take-payment"),
      invoke("ChainedInvokeStarted", "fulfil-order"),
      invoke("ChainedInvokeSucceeded", "fulfil-order"),
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("stops after the customer check for a customer on credit hold", async () => {
    const result = await runner.run({ payload: { ...order, customerId: "cus-on-hold" } });

    expect(result.getResult()).toEqual({
      orderId: "ord-77",
      status: "REJECTED",
      reason: "Charles Babbage is on credit hold",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      invoke("ChainedInvokeStarted", "get-customer"),
      invoke("ChainedInvokeSucceeded", "get-customer"),
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("fails with the payment service's error when the card is declined, before fulfilment", async () => {
    const result = await runner.run({ payload: { ...order, paymentToken: "tok_declined" } });

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorType: "InvokeError",
      errorMessage: "Card declined for ord-77",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      invoke("ChainedInvokeStarted", "get-customer"),
      invoke("ChainedInvokeSucceeded", "get-customer"),
      invoke("ChainedInvokeStarted", "reserve-inventory"),
      invoke("ChainedInvokeSucceeded", "reserve-inventory"),
      invoke("ChainedInvokeStarted", "take-payment"),
      invoke("ChainedInvokeFailed", "take-payment"),
      ["ExecutionFailed", undefined, undefined],
    ]);
  });
});
