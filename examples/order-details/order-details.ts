/**
 * Order details and stock checks for a list of orders only known at run time, with `map`, where
 * up to 20% of the lookups may fail.
 *
 * Each order is looked up in its own child context (named after the order), with two durable
 * steps: fetch the order, then check the stock of its items. The lookups run five at a time. An
 * order that cannot be found fails its own item only; `map` never throws for item failures, and
 * `toleratedFailurePercentage: 20` lets the batch finish as long as no more than a fifth of the
 * orders fail. Past that, the map stops starting new lookups and the function reports that the
 * source looks broken instead of returning a mostly empty answer.
 *
 * Run it:
 *   durably run examples/order-details/order-details.ts --input '{"orderIds":["o-1","o-2","missing-3","o-4","o-5"]}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext, RetryDecision } from "@durably/sdk";

/** The orders to look up. */
export interface OrderDetailsRequest {
  orderIds: string[];
}

/** One looked-up order. */
export interface OrderDetails {
  orderId: string;
  customer: string;
  totalCents: number;
  /** Whether every item of the order is in stock right now. */
  readyToShip: boolean;
  backordered: string[];
}

/** The answer: the orders found, and those that could not be looked up. */
export interface OrderDetailsReport {
  found: OrderDetails[];
  failed: { orderId: string; reason: string }[];
}

/** Thrown by the fake order service for an unknown order. */
class OrderNotFoundError extends Error {
  override name = "OrderNotFoundError";
}

// Stand-ins for the order and inventory services.
const orderService = {
  get: async (orderId: string) => {
    if (orderId.startsWith("missing-"))
      throw new OrderNotFoundError(`Order ${orderId} does not exist`);
    const n = Number(orderId.replace(/\D/g, "")) || 1;
    return {
      orderId,
      customer: `cus-${n % 3}`,
      skus: n % 2 === 0 ? ["desk", "chair"] : ["chair"],
      totalCents: 12_000 * n,
    };
  },
};
const inventoryService = {
  outOfStock: async (skus: string[]) => skus.filter((sku) => sku === "desk"),
};

/** Unknown orders stay unknown; other errors (timeouts) get two more tries. */
function retryUnlessNotFound(error: Error, attempt: number): RetryDecision {
  if (error.name === "OrderNotFoundError" || attempt >= 3) return { shouldRetry: false };
  return { shouldRetry: true, delay: { seconds: 1 } };
}

/** Looks up every order of the list, with its stock situation. */
export const handler = withDurableExecution(
  async (request: OrderDetailsRequest, context: DurableContext): Promise<OrderDetailsReport> => {
    const orderIds = request.orderIds;
    const lookups = await context.map(
      "look-up-orders",
      orderIds,
      async (item, orderId) => {
        const order = await item.step("fetch-order", () => orderService.get(orderId), {
          retryStrategy: retryUnlessNotFound,
        });
        const backordered = await item.step("check-inventory", () =>
          inventoryService.outOfStock(order.skus),
        );
        return {
          orderId,
          customer: order.customer,
          totalCents: order.totalCents,
          readyToShip: backordered.length === 0,
          backordered,
        };
      },
      {
        itemNamer: (orderId) => orderId,
        maxConcurrency: 5,
        completionConfig: { toleratedFailurePercentage: 20 },
      },
    );

    const failed = lookups.failed().map((item) => ({
      orderId: orderIds[item.index] ?? `#${item.index}`,
      reason: item.error.message,
    }));
    if (lookups.completionReason === "FAILURE_TOLERANCE_EXCEEDED") {
      throw new Error(
        `More than 20% of the order lookups failed (${failed.map((f) => f.orderId).join(", ")} ` +
          `of ${orderIds.length} orders); stopped looking up the rest.`,
      );
    }
    return { found: lookups.getResults(), failed };
  },
);
