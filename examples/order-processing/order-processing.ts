/**
 * Order processing as a durable function.
 *
 * Each step's result is checkpointed. If the process dies after the payment went through, the
 * function is replayed from the top: the recorded validation and payment are returned from the
 * journal instead of running again, so the customer is never charged twice. The 3-second wait is
 * durable too: nothing holds a process while it lasts, and it survives restarts.
 *
 * Run it:   npm run demo
 *   or:     durably run examples/order-processing/order-processing.ts --input '{"orderId":"ord-7","amount":12,"items":[{"sku":"tea","quantity":1,"unitPrice":12}]}'
 */
import { withDurableExecution } from "@durably/sdk";

/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** The event the function receives. */
export interface Order {
  orderId: string;
  amount: number;
  items: OrderItem[];
}

/** What the function returns once the order is confirmed. */
export interface OrderConfirmation {
  orderId: string;
  status: "CONFIRMED";
  paymentId: string;
  amountCharged: number;
  itemCount: number;
  confirmationNumber: string;
}

/** The order processed when the function is run without input. */
export const defaultOrder: Order = {
  orderId: "ord-1001",
  amount: 42.5,
  items: [
    { sku: "coffee-beans-1kg", quantity: 1, unitPrice: 30 },
    { sku: "paper-filters-100", quantity: 2, unitPrice: 6.25 },
  ],
};

/** Processes one order: validate, charge, let the payment settle, confirm. */
export const processOrder = withDurableExecution(async (event: Partial<Order>, context) => {
  // A run without input gets `{}`; process the sample order then.
  const order: Order = event.orderId === undefined ? defaultOrder : (event as Order);

  // An invalid order stays invalid: fail at once instead of retrying the validation.
  const validated = await context.step(
    "validate-order",
    async () => {
      if (order.items.length === 0) throw new Error(`Order ${order.orderId} has no items`);
      const total = order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
      if (Math.abs(total - order.amount) > 0.005) {
        throw new Error(
          `Order ${order.orderId}: amount ${order.amount} does not match the items' total ${total}`,
        );
      }
      return {
        orderId: order.orderId,
        total,
        itemCount: order.items.reduce((sum, item) => sum + item.quantity, 0),
      };
    },
    { retryStrategy: () => ({ shouldRetry: false }) },
  );

  // The payment is the step that must never run twice: once checkpointed, replays return its record.
  const payment = await context.step("process-payment", async () => {
    // A real function would call the payment provider here, with the order id as idempotency key.
    return { paymentId: `pay-${validated.orderId}`, amountCharged: validated.total };
  });

  // Give the payment provider time to settle. A durable wait: the invocation suspends, and the
  // engine resumes the function when the timer fires, even in another process.
  await context.wait("wait-for-settlement", { seconds: 3 });

  return context.step("confirm-order", async (): Promise<OrderConfirmation> => ({
    orderId: validated.orderId,
    status: "CONFIRMED",
    paymentId: payment.paymentId,
    amountCharged: payment.amountCharged,
    itemCount: validated.itemCount,
    confirmationNumber: `CONF-${validated.orderId.toUpperCase()}`,
  }));
});
