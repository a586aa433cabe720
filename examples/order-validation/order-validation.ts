/**
 * Multi-step order processing that validates before it does anything with side effects.
 *
 * The order is checked against the product catalog in a durable step: the catalog may change
 * while the order is in flight, and a replay must see the answer the first run saw, not today's.
 * An invalid order is rejected with one error that lists every problem, before any stock is
 * reserved or any money taken. A valid one is priced, paid for and fulfilled; the fulfilment
 * steps are grouped in a child context so the journal (and the CLI's tree view) shows them as one
 * unit.
 *
 * Run it:
 *   durably run examples/order-validation/order-validation.ts --input '{"orderId":"ord-10","customerEmail":"ada@example.com","country":"DE","lines":[{"sku":"tea-earl-grey","quantity":2},{"sku":"mug-white","quantity":1}]}'
 *   durably run examples/order-validation/order-validation.ts --input '{"orderId":"ord-11","customerEmail":"not-an-email","country":"DE","lines":[{"sku":"tea-unknown","quantity":0}]}'
 */
import { withDurableExecution } from "@durably/sdk";
import type { DurableContext } from "@durably/sdk";

/** One line of an order as the customer sent it. */
export interface OrderLine {
  sku: string;
  quantity: number;
}

/** The incoming order. */
export interface IncomingOrder {
  orderId: string;
  customerEmail: string;
  country: string;
  lines: OrderLine[];
}

/** The processed order. */
export interface ProcessedOrder {
  orderId: string;
  status: "SHIPPED";
  subtotal: number;
  tax: number;
  total: number;
  paymentId: string;
  packageId: string;
  trackingNumber: string;
}

/** Thrown (and recorded as the execution's error) for an order that cannot be processed. */
export class InvalidOrderError extends Error {
  override name = "InvalidOrderError";
  readonly problems: string[];

  constructor(orderId: string, problems: string[]) {
    super(`Order ${orderId} is invalid: ${problems.join("; ")}`);
    this.problems = problems;
  }
}

// A stand-in for the catalog service: prices in cents.
const catalog: Readonly<Record<string, { priceCents: number; inStock: number }>> = {
  "tea-earl-grey": { priceCents: 850, inStock: 40 },
  "tea-sencha": { priceCents: 1200, inStock: 0 },
  "mug-white": { priceCents: 1500, inStock: 12 },
};
const shipsTo: ReadonlySet<string> = new Set(["DE", "FR", "NL", "BE", "AT"]);
const vatRate = 0.19;

/** Every problem with the order, checked against the catalog; empty when it can be processed. */
async function findProblems(order: Partial<IncomingOrder>): Promise<string[]> {
  const problems: string[] = [];
  if (typeof order.orderId !== "string" || order.orderId === "")
    problems.push("orderId is missing");
  if (typeof order.customerEmail !== "string" || !/^[^@\s]+@[^@\s]+$/.test(order.customerEmail)) {
    problems.push(`customerEmail ${JSON.stringify(order.customerEmail)} is not an email address`);
  }
  if (typeof order.country !== "string" || !shipsTo.has(order.country)) {
    problems.push(`we do not ship to country ${JSON.stringify(order.country)}`);
  }
  if (!Array.isArray(order.lines) || order.lines.length === 0) {
    problems.push("the order has no lines");
    return problems;
  }
  order.lines.forEach((line, index) => {
    const product = catalog[line.sku];
    if (product === undefined) problems.push(`lines[${index}]: unknown product ${line.sku}`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(`lines[${index}]: quantity must be a whole number of at least 1`);
    } else if (product !== undefined && product.inStock < line.quantity) {
      problems.push(`lines[${index}]: only ${product.inStock} of ${line.sku} in stock`);
    }
  });
  return problems;
}

/** Validates, prices, charges and fulfils an order. */
export const handler = withDurableExecution(
  async (event: Partial<IncomingOrder>, context: DurableContext): Promise<ProcessedOrder> => {
    // 1. Validate. The step returns the problems instead of throwing them: the answer is then
    //    recorded, and rejecting is a plain decision taken on the recorded answer.
    const problems = await context.step("validate-order", () => findProblems(event));
    if (problems.length > 0) throw new InvalidOrderError(event.orderId ?? "(no id)", problems);
    const order = event as IncomingOrder;

    // 2. Price the order with the catalog prices of the moment, recorded once.
    const price = await context.step("price-order", async () => {
      const subtotal = order.lines.reduce(
        (sum, line) => sum + (catalog[line.sku]?.priceCents ?? 0) * line.quantity,
        0,
      );
      const tax = Math.round(subtotal * vatRate);
      return { subtotal, tax, total: subtotal + tax };
    });

    // 3. Charge. Checkpointed before anything else happens, so a replay never charges again.
    const payment = await context.step("charge-payment", async () => ({
      paymentId: `pay-${order.orderId}-${price.total}`,
    }));

    // 4. Fulfil: pick, pack and hand over to the carrier, as one child context.
    const shipment = await context.runInChildContext("fulfil-order", async (fulfilment) => {
      const pick = await fulfilment.step("pick-items", async () => ({
        pickListId: `pick-${order.orderId}`,
        items: order.lines.reduce((sum, line) => sum + line.quantity, 0),
      }));
      const pack = await fulfilment.step("pack-parcel", async () => ({
        packageId: `pkg-${pick.pickListId}`,
      }));
      const label = await fulfilment.step("book-carrier", async () => ({
        trackingNumber: `TRK-${order.country}-${order.orderId.toUpperCase()}`,
      }));
      return { packageId: pack.packageId, trackingNumber: label.trackingNumber };
    });

    // 5. Tell the customer. If this email fails after its retries, the order stays shipped:
    //    the error ends the execution, but the recorded steps above are not undone or repeated.
    await context.step("send-confirmation", async () => ({
      to: order.customerEmail,
      subject: `Order ${order.orderId} is on its way (${shipment.trackingNumber})`,
    }));

    return {
      orderId: order.orderId,
      status: "SHIPPED",
      subtotal: price.subtotal,
      tax: price.tax,
      total: price.total,
      paymentId: payment.paymentId,
      packageId: shipment.packageId,
      trackingNumber: shipment.trackingNumber,
    };
  },
);
