/**
 * A distributed transaction across three services (inventory, payment, shipping) as a saga.
 *
 * There is no transaction spanning the three services, so each one is called in its own durable
 * step, and for each step that succeeded the function remembers how to undo it. When a later step
 * fails for good (the card is declined, the address cannot be served), the undo actions run in
 * reverse order, each a durable step too: if the process dies halfway through the compensation,
 * the replay skips what was already undone and finishes the rest. Nothing is charged twice,
 * refunded twice or released twice, because every recorded step returns its journal entry instead
 * of calling the service again.
 *
 * Run it:
 *   durably run examples/distributed-transaction/distributed-transaction.ts --input '{"orderId":"ord-1","sku":"kettle","quantity":1,"amount":49,"cardToken":"tok_visa","country":"FR"}'
 *   durably run examples/distributed-transaction/distributed-transaction.ts --input '{"orderId":"ord-2","sku":"kettle","quantity":1,"amount":49,"cardToken":"tok_declined","country":"FR"}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext, RetryDecision } from "@durably/sdk";

/** The order to place. */
export interface SagaOrder {
  orderId: string;
  sku: string;
  quantity: number;
  amount: number;
  /** A card token; "tok_declined" is declined by the fake payment service. */
  cardToken: string;
  /** Destination country; the fake carrier does not deliver to "AQ". */
  country: string;
}

/** How the saga ended. */
export type SagaOutcome =
  | {
      orderId: string;
      status: "COMPLETED";
      reservationId: string;
      paymentId: string;
      trackingNumber: string;
    }
  | {
      orderId: string;
      status: "ROLLED_BACK";
      failedStep: string;
      reason: string;
      /** The undo steps that ran, in the order they ran. */
      compensations: string[];
    };

/** A business refusal: retrying does not help, so the saga compensates at once. */
export class PermanentFailure extends Error {
  override name = "PermanentFailure";
}

// Stand-ins for the three services. Real ones would be HTTP calls that take the order id as an
// idempotency key, so that a step repeated after a crash (before its result was checkpointed)
// does no harm.
const inventoryService = {
  reserve: async (order: SagaOrder) => ({ reservationId: `res-${order.orderId}-${order.sku}` }),
  release: async (reservationId: string) => ({ released: reservationId }),
};
const paymentService = {
  charge: async (order: SagaOrder) => {
    if (order.cardToken === "tok_declined") {
      throw new PermanentFailure(`Card declined for order ${order.orderId}`);
    }
    return { paymentId: `pay-${order.orderId}`, amount: order.amount };
  },
  refund: async (paymentId: string) => ({ refunded: paymentId }),
};
const shippingService = {
  schedule: async (order: SagaOrder) => {
    if (order.country === "AQ") {
      throw new PermanentFailure(`No carrier delivers order ${order.orderId} to ${order.country}`);
    }
    return { trackingNumber: `TRK-${order.orderId.toUpperCase()}` };
  },
};

/** Retries transient errors (timeouts, 5xx) a few times; a PermanentFailure is final at once. */
function retryTransient(error: Error, attempt: number): RetryDecision {
  if (error.name === "PermanentFailure" || attempt >= 3) return { shouldRetry: false };
  return { shouldRetry: true, delay: { seconds: 2 * attempt } };
}

/** One way to undo a step that succeeded. */
interface Compensation {
  name: string;
  undo: () => Promise<unknown>;
}

/** Places an order across inventory, payment and shipping; undoes what was done if a step fails. */
export const handler = withDurableExecution(
  async (order: SagaOrder, context: DurableContext): Promise<SagaOutcome> => {
    const compensations: Compensation[] = [];
    let current = "reserve-inventory";
    try {
      const { reservationId } = await context.step(
        "reserve-inventory",
        () => inventoryService.reserve(order),
        { retryStrategy: retryTransient },
      );
      compensations.push({
        name: "release-inventory",
        undo: () => inventoryService.release(reservationId),
      });

      current = "charge-payment";
      const { paymentId } = await context.step(
        "charge-payment",
        () => paymentService.charge(order),
        { retryStrategy: retryTransient },
      );
      compensations.push({ name: "refund-payment", undo: () => paymentService.refund(paymentId) });

      current = "schedule-shipment";
      const { trackingNumber } = await context.step(
        "schedule-shipment",
        () => shippingService.schedule(order),
        { retryStrategy: retryTransient },
      );
      return {
        orderId: order.orderId,
        status: "COMPLETED",
        reservationId,
        paymentId,
        trackingNumber,
      };
    } catch (error) {
      // A failed step surfaces as a StepError carrying the original message, live and on replay.
      const reason = error instanceof Error ? error.message : String(error);
      // Undo in reverse order. The undo steps keep the default retry policy: a compensation has
      // to happen eventually, so transient errors are retried with back-off.
      const undone: string[] = [];
      for (const compensation of compensations.reverse()) {
        await context.step(compensation.name, compensation.undo);
        undone.push(compensation.name);
      }
      return {
        orderId: order.orderId,
        status: "ROLLED_BACK",
        failedStep: current,
        reason,
        compensations: undone,
      };
    }
  },
);
