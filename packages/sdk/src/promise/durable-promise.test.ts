import { describe, expect, test } from "vitest";
import { DurablePromise } from "../index.ts";

describe("DurablePromise", () => {
  test("runs its executor on the first then/catch/finally, once", async () => {
    let runs = 0;
    const promise = new DurablePromise(async () => ++runs);
    expect(promise.isExecuted).toBe(false);
    expect(runs).toBe(0);
    expect(await promise).toBe(1);
    expect(await promise.then((value) => value * 10)).toBe(10);
    await promise.finally(() => {});
    expect(runs).toBe(1);
    expect(promise.isExecuted).toBe(true);
  });

  test("catch and a synchronously throwing executor", async () => {
    const promise = new DurablePromise<number>(() => {
      throw new Error("sync");
    });
    expect(await promise.catch((error: unknown) => (error as Error).message)).toBe("sync");
    await expect(promise).rejects.toThrow("sync");
  });

  test("has the DurablePromise tag and works with Promise combinators", async () => {
    const promise = new DurablePromise(async () => 2);
    expect(Object.prototype.toString.call(promise)).toBe("[object DurablePromise]");
    expect(await Promise.all([promise, Promise.resolve(3)])).toEqual([2, 3]);
  });
});
