/**
 * Runs the demo on the engine with the in-memory store and a virtual clock that jumps straight
 * to the next timer, so the 3-second wait takes no real time.
 */
import { createEngine, VirtualClock } from "@durably/engine";
import { createMemoryStore } from "@durably/store/memory";
import { expect, it } from "vitest";
import { defaultOrder, processOrder } from "./order-processing.ts";

async function run(input?: unknown) {
  const start = Date.UTC(2025, 0, 1, 9, 0, 0);
  const engine = createEngine({
    store: createMemoryStore(),
    clock: new VirtualClock(start),
    autoAdvanceTime: true,
    functions: { processOrder },
  });
  engine.start();
  try {
    const { execution } = await engine.startExecution({
      functionName: "processOrder",
      ...(input === undefined ? {} : { input }),
    });
    const done = await engine.waitForExecution(execution.executionId);
    const history = await engine.getHistory(execution.executionId);
    return { done, history, start };
  } finally {
    await engine.stop();
  }
}

it("confirms the default order after a 3-second durable wait, in virtual time", async () => {
  const { done, history, start } = await run();
  expect(done.status).toBe("SUCCEEDED");
  expect(JSON.parse(done.result ?? "null")).toEqual({
    orderId: "ord-1001",
    status: "CONFIRMED",
    paymentId: "pay-ord-1001",
    amountCharged: 42.5,
    itemCount: 3,
    confirmationNumber: "CONF-ORD-1001",
  });
  // The wait took 3 s of virtual time.
  expect((done.endedAt ?? 0) - start).toBeGreaterThanOrEqual(3000);
  expect(
    history
      .filter((event) => event.EventType !== "InvocationCompleted")
      .map((event) => [event.EventType, event.SubType, event.Name]),
  ).toEqual([
    ["ExecutionStarted", undefined, undefined],
    ["StepStarted", "Step", "validate-order"],
    ["StepSucceeded", "Step", "validate-order"],
    ["StepStarted", "Step", "process-payment"],
    ["StepSucceeded", "Step", "process-payment"],
    ["WaitStarted", "Wait", "wait-for-settlement"],
    ["WaitSucceeded", "Wait", "wait-for-settlement"],
    ["StepStarted", "Step", "confirm-order"],
    ["StepSucceeded", "Step", "confirm-order"],
    ["ExecutionSucceeded", undefined, undefined],
  ]);
  // One invocation ran up to the wait and suspended; a second one finished after it.
  expect(history.filter((event) => event.EventType === "InvocationCompleted")).toHaveLength(2);
});

it("processes the order it is given", async () => {
  const order = {
    ...defaultOrder,
    orderId: "ord-2002",
    amount: 6.25,
    items: [{ sku: "tea", quantity: 1, unitPrice: 6.25 }],
  };
  const { done } = await run(order);
  expect(JSON.parse(done.result ?? "null")).toMatchObject({
    orderId: "ord-2002",
    amountCharged: 6.25,
    itemCount: 1,
  });
});

it("fails an order whose amount does not match its items", async () => {
  const { done } = await run({ ...defaultOrder, amount: 1 });
  expect(done.status).toBe("FAILED");
  expect(done.error?.ErrorMessage).toContain("amount 1 does not match the items' total 42.5");
});
