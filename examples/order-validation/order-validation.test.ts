import { LocalDurableTestRunner } from "@durably/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historySignature } from "../support/history-signature.ts";
import { handler } from "./order-validation.ts";
import type { IncomingOrder } from "./order-validation.ts";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const validOrder: IncomingOrder = {
  orderId: "ord-10",
  customerEmail: "ada@example.com",
  country: "DE",
  lines: [
    { sku: "tea-earl-grey", quantity: 2 },
    { sku: "mug-white", quantity: 1 },
  ],
};

describe("order processing with validation", () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  beforeEach(() => runner.reset());

  it("prices, charges, fulfils and confirms a valid order", async () => {
    const result = await runner.run({ payload: validOrder });

    // 2 × 8.50 + 15.00 = 32.00, plus 19% VAT = 6.08.
    expect(result.getResult()).toEqual({
      orderId: "ord-10",
      status: "SHIPPED",
      subtotal: 3200,
      tax: 608,
      total: 3808,
      paymentId: "pay-ord-10-3808",
      packageId: "pkg-pick-ord-10",
      trackingNumber: "TRK-DE-ORD-10",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "validate-order"],
      ["StepSucceeded", "Step", "validate-order"],
      ["StepStarted", "Step", "price-order"],
      ["StepSucceeded", "Step", "price-order"],
      ["StepStarted", "Step", "charge-payment"],
      ["StepSucceeded", "Step", "charge-payment"],
      ["ContextStarted", "RunInChildContext", "fulfil-order"],
      ["StepStarted", "Step", "pick-items"],
      ["StepSucceeded", "Step", "pick-items"],
      ["StepStarted", "Step", "pack-parcel"],
      ["StepSucceeded", "Step", "pack-parcel"],
      ["StepStarted", "Step", "book-carrier"],
      ["StepSucceeded", "Step", "book-carrier"],
      ["ContextSucceeded", "RunInChildContext", "fulfil-order"],
      ["StepStarted", "Step", "send-confirmation"],
      ["StepSucceeded", "Step", "send-confirmation"],
      ["ExecutionSucceeded", undefined, undefined],
    ]);
  });

  it("rejects an invalid order with every problem listed, before any side effect", async () => {
    const result = await runner.run({
      payload: {
        orderId: "ord-11",
        customerEmail: "not-an-email",
        country: "US",
        lines: [
          { sku: "tea-unknown", quantity: 1 },
          { sku: "mug-white", quantity: 0 },
          { sku: "tea-sencha", quantity: 3 },
        ],
      },
    });

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorType: "InvalidOrderError",
      errorMessage:
        'Order ord-11 is invalid: customerEmail "not-an-email" is not an email address; ' +
        'we do not ship to country "US"; lines[0]: unknown product tea-unknown; ' +
        "lines[1]: quantity must be a whole number of at least 1; lines[2]: only 0 of tea-sencha in stock",
    });
    expect(historySignature(result.getHistoryEvents())).toEqual([
      ["ExecutionStarted", undefined, undefined],
      ["StepStarted", "Step", "validate-order"],
      ["StepSucceeded", "Step", "validate-order"],
      ["ExecutionFailed", undefined, undefined],
    ]);
  });

  it("rejects an order without lines", async () => {
    const result = await runner.run({ payload: { ...validOrder, lines: [] } });

    expect(result.getError().errorMessage).toBe("Order ord-10 is invalid: the order has no lines");
  });
});
