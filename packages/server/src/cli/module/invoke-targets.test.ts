import { describe, expect, it } from "vitest";
import { invokeTargets } from "./invoke-targets.ts";
import { pickHandler } from "./pick-handler.ts";

const handler = async (): Promise<void> => undefined;
const paymentService = async (): Promise<void> => undefined;
const base = { modulePath: "orders.ts", defaultExportName: "orders" };

describe("invokeTargets", () => {
  it("hosts the module's other functions under their export names, without classes or values", () => {
    class OrderError extends Error {}
    const namespace = { handler, paymentService, default: paymentService, OrderError, limit: 3 };
    const picked = pickHandler(namespace, base);
    expect(
      invokeTargets({ ...base, namespace }, picked).map((target) => [
        target.exportName,
        target.functionName,
        target.handler,
      ]),
    ).toEqual([
      ["default", "orders", paymentService],
      ["paymentService", "paymentService", paymentService],
    ]);
  });
  it("leaves out the handler being run, whichever export --function picked", () => {
    const namespace = { handler, paymentService };
    const picked = pickHandler(namespace, { ...base, exportName: "paymentService" });
    expect(invokeTargets({ ...base, namespace }, picked).map((t) => t.exportName)).toEqual([
      "handler",
    ]);
  });
});
