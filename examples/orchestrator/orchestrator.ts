/**
 * An orchestrator that calls four other durable functions: customer, inventory, payment and
 * fulfilment, each a service of its own with its own journal.
 *
 * `context.invoke` starts the target function as a separate execution and suspends the caller
 * until the target ends; the target's result (or error) is recorded on the caller's journal. A
 * replay of the orchestrator therefore never starts a target twice: the recorded result comes
 * back instead. The targets are exported from this module too, so `durably run` hosts them next to
 * the orchestrator (each under its export name, the name `invoke` uses); in production each would
 * be deployed, and named, on its own.
 *
 * Run it:
 *   durably run examples/orchestrator/orchestrator.ts --input '{"orderId":"ord-77","customerId":"cus-1","items":[{"sku":"lamp","quantity":2}],"paymentToken":"tok_visa","courierDelay":{"seconds":3}}'
 *   durably run examples/orchestrator/orchestrator.ts --input '{"orderId":"ord-78","customerId":"cus-on-hold","items":[{"sku":"lamp","quantity":1}],"paymentToken":"tok_visa"}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext, Duration } from "@durably/sdk";

/** One order line. */
export interface OrderItem {
  sku: string;
  quantity: number;
}

/** The order to orchestrate. */
export interface OrchestratedOrder {
  orderId: string;
  customerId: string;
  items: OrderItem[];
  paymentToken: string;
  /** How long until the courier picks the parcel up (default 2 hours). */
  courierDelay?: Duration;
}

/** What the customer service answers. */
export interface Customer {
  customerId: string;
  name: string;
  tier: "standard" | "gold";
  onCreditHold: boolean;
}

/** What the inventory service answers. */
export interface Reservation {
  reservationId: string;
  amountCents: number;
}

/** What the payment service answers. */
export interface Payment {
  paymentId: string;
  chargedCents: number;
}

/** What the fulfilment service answers. */
export interface Shipment {
  shipmentId: string;
  carrier: string;
}

/** The orchestrator's result. */
export type OrchestrationOutcome =
  | {
      orderId: string;
      status: "FULFILLED";
      customer: string;
      reservationId: string;
      paymentId: string;
      chargedCents: number;
      shipmentId: string;
    }
  | { orderId: string; status: "REJECTED"; reason: string };

const unitPriceCents: Readonly<Record<string, number>> = { lamp: 3_900, bulb: 450 };

/** Customer service: looks a customer up. */
export const customerService = withDurableExecution(
  async (event: { customerId: string }, context: DurableContext): Promise<Customer> =>
    context.step("load-customer", async () => ({
      customerId: event.customerId,
      name: event.customerId === "cus-1" ? "Ada Lovelace" : "Charles Babbage",
      tier: event.customerId === "cus-1" ? "gold" : "standard",
      onCreditHold: event.customerId === "cus-on-hold",
    })),
);

/** Inventory service: reserves the items and prices them. */
export const inventoryService = withDurableExecution(
  async (
    event: { orderId: string; items: OrderItem[] },
    context: DurableContext,
  ): Promise<Reservation> => {
    const amountCents = await context.step("price-items", async () =>
      event.items.reduce((sum, item) => sum + (unitPriceCents[item.sku] ?? 0) * item.quantity, 0),
    );
    return context.step("reserve-items", async () => ({
      reservationId: `res-${event.orderId}`,
      amountCents,
    }));
  },
);

/** Payment service: charges the customer, with a discount for gold customers. */
export const paymentService = withDurableExecution(
  async (
    event: { orderId: string; amountCents: number; tier: Customer["tier"]; paymentToken: string },
    context: DurableContext,
  ): Promise<Payment> =>
    context.step(
      "charge-card",
      async () => {
        if (event.paymentToken === "tok_declined")
          throw new Error(`Card declined for ${event.orderId}`);
        const chargedCents =
          event.tier === "gold" ? Math.round(event.amountCents * 0.9) : event.amountCents;
        return { paymentId: `pay-${event.orderId}`, chargedCents };
      },
      { retryStrategy: () => ({ shouldRetry: false }) },
    ),
);

/** What the fulfilment service is asked to do. */
export interface FulfilmentRequest {
  orderId: string;
  reservationId: string;
  courierDelay?: Duration | undefined;
}

/** Fulfilment service: books a courier, waits for the pick-up, hands the parcel over. */
export const fulfillmentService = withDurableExecution(
  async (event: FulfilmentRequest, context: DurableContext): Promise<Shipment> => {
    const booking = await context.step("book-courier", async () => ({ carrier: "ParcelCo" }));
    // The courier comes later (two hours by default); the fulfilment execution suspends until
    // then, and so does the orchestrator that invoked it. No process waits meanwhile.
    await context.wait("wait-for-pick-up", event.courierDelay ?? { hours: 2 });
    return context.step("hand-over", async () => ({
      shipmentId: `shp-${event.reservationId}`,
      carrier: booking.carrier,
    }));
  },
);

/** Runs an order through the four services, in order. */
export const handler = withDurableExecution(
  async (order: OrchestratedOrder, context: DurableContext): Promise<OrchestrationOutcome> => {
    const customer = await context.invoke<{ customerId: string }, Customer>(
      "get-customer",
      "customerService",
      { customerId: order.customerId },
    );
    if (customer.onCreditHold) {
      return {
        orderId: order.orderId,
        status: "REJECTED",
        reason: `${customer.name} is on credit hold`,
      };
    }

    const reservation = await context.invoke<{ orderId: string; items: OrderItem[] }, Reservation>(
      "reserve-inventory",
      "inventoryService",
      { orderId: order.orderId, items: order.items },
    );

    // A declined card makes the payment execution fail; invoke then throws an InvokeError,
    // which fails this execution too (with the payment's message).
    const payment = await context.invoke<
      { orderId: string; amountCents: number; tier: Customer["tier"]; paymentToken: string },
      Payment
    >("take-payment", "paymentService", {
      orderId: order.orderId,
      amountCents: reservation.amountCents,
      tier: customer.tier,
      paymentToken: order.paymentToken,
    });

    const shipment = await context.invoke<FulfilmentRequest, Shipment>(
      "fulfil-order",
      "fulfillmentService",
      {
        orderId: order.orderId,
        reservationId: reservation.reservationId,
        courierDelay: order.courierDelay,
      },
    );

    return {
      orderId: order.orderId,
      status: "FULFILLED",
      customer: customer.name,
      reservationId: reservation.reservationId,
      paymentId: payment.paymentId,
      chargedCents: payment.chargedCents,
      shipmentId: shipment.shipmentId,
    };
  },
);
