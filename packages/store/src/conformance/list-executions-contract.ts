/**
 * Contract of listExecutions: filters, ordering (startedAt then id, newest first unless reverse),
 * keyset cursors and page size bounds.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionQuery, Page, Store } from "../port/store.ts";
import type { ExecutionRecord } from "../port/records.ts";
import type { ContractContext } from "./contract-context.ts";
import { rejectionCode, newExecution, seed, t0 } from "./store-fixtures.ts";

const ids = (page: Page<ExecutionRecord>): string[] => page.items.map((e) => e.executionId);

/** Reads every page of a query, checking that each page respects `limit`. */
async function readAll(
  store: Store,
  query: ExecutionQuery,
): Promise<{ ids: string[]; pages: number }> {
  const all: string[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listExecutions(cursor === undefined ? query : { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit ?? 100);
    all.push(...ids(page));
    pages += 1;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { ids: all, pages };
}

/** Six executions over two functions and three statuses; e3/e4 start at the same instant. */
async function seedMixed(store: Store): Promise<void> {
  await seed(store, [
    newExecution("e1", { startedAt: t0 + 1000, name: "order-1" }),
    newExecution("e2", { startedAt: t0 + 2000, name: "order-2", status: "SUCCEEDED" }),
    newExecution("e3", { startedAt: t0 + 3000, name: "refund-1", functionName: "refunds" }),
    newExecution("e4", { startedAt: t0 + 3000, name: "order-3", status: "FAILED" }),
    newExecution("e5", {
      startedAt: t0 + 4000,
      name: "Order-4",
      functionName: "refunds",
      status: "SUCCEEDED",
    }),
    newExecution("e6", { startedAt: t0 + 5000, name: "order-5" }),
  ]);
}

/** Registers the listing tests. */
export function describeListExecutionsContract(context: ContractContext): void {
  describe("listExecutions", () => {
    it("returns an empty page without cursor from an empty store", async () => {
      expect(await context.store.listExecutions()).toStrictEqual({ items: [] });
    });

    it("lists newest first by startedAt, ties broken by executionId descending", async () => {
      await seedMixed(context.store);
      const page = await context.store.listExecutions();
      expect(ids(page)).toStrictEqual(["e6", "e5", "e4", "e3", "e2", "e1"]);
      expect(page.nextCursor).toBeUndefined();
    });

    it("lists oldest first when reverse is true", async () => {
      await seedMixed(context.store);
      expect(ids(await context.store.listExecutions({ reverse: true }))).toStrictEqual([
        "e1",
        "e2",
        "e3",
        "e4",
        "e5",
        "e6",
      ]);
    });

    it("filters by functionName", async () => {
      await seedMixed(context.store);
      expect(ids(await context.store.listExecutions({ functionName: "refunds" }))).toStrictEqual([
        "e5",
        "e3",
      ]);
      expect(ids(await context.store.listExecutions({ functionName: "unknown" }))).toStrictEqual(
        [],
      );
    });

    it("filters by one or several statuses", async () => {
      await seedMixed(context.store);
      expect(ids(await context.store.listExecutions({ statuses: ["SUCCEEDED"] }))).toStrictEqual([
        "e5",
        "e2",
      ]);
      expect(
        ids(await context.store.listExecutions({ statuses: ["RUNNING", "FAILED"] })),
      ).toStrictEqual(["e6", "e4", "e3", "e1"]);
    });

    it("treats an empty statuses list as no status filter", async () => {
      await seedMixed(context.store);
      expect(ids(await context.store.listExecutions({ statuses: [] }))).toHaveLength(6);
    });

    it("filters by a case-sensitive name prefix", async () => {
      await seedMixed(context.store);
      expect(ids(await context.store.listExecutions({ namePrefix: "order-" }))).toStrictEqual([
        "e6",
        "e4",
        "e2",
        "e1",
      ]);
      expect(ids(await context.store.listExecutions({ namePrefix: "Order" }))).toStrictEqual([
        "e5",
      ]);
      expect(ids(await context.store.listExecutions({ namePrefix: "%" }))).toStrictEqual([]);
    });

    it("includes startedAfter and excludes startedBefore", async () => {
      await seedMixed(context.store);
      const query = { startedAfter: t0 + 2000, startedBefore: t0 + 4000 };
      expect(ids(await context.store.listExecutions(query))).toStrictEqual(["e4", "e3", "e2"]);
      expect(ids(await context.store.listExecutions({ ...query, reverse: true }))).toStrictEqual([
        "e2",
        "e3",
        "e4",
      ]);
    });

    it("combines every filter", async () => {
      await seedMixed(context.store);
      const query: ExecutionQuery = {
        functionName: "orders",
        statuses: ["RUNNING", "FAILED"],
        namePrefix: "order-",
        startedAfter: t0 + 1500,
        startedBefore: t0 + 6000,
      };
      expect(ids(await context.store.listExecutions(query))).toStrictEqual(["e6", "e4"]);
    });

    it("sees status changes made by commits", async () => {
      await seedMixed(context.store);
      await context.store.commit({
        executionId: "e6",
        expectedVersion: 1,
        execution: { status: "STOPPED" },
      });
      expect(ids(await context.store.listExecutions({ statuses: ["STOPPED"] }))).toStrictEqual([
        "e6",
      ]);
      expect(ids(await context.store.listExecutions({ statuses: ["RUNNING"] }))).toStrictEqual([
        "e3",
        "e1",
      ]);
    });

    it("pages through every execution exactly once, in order, ending without a cursor", async () => {
      await seedMixed(context.store);
      await seed(context.store, [newExecution("e0", { startedAt: t0 + 3000 })]);
      const result = await readAll(context.store, { limit: 3 });
      expect(result).toStrictEqual({ ids: ["e6", "e5", "e4", "e3", "e0", "e2", "e1"], pages: 3 });
      const reversed = await readAll(context.store, { limit: 2, reverse: true });
      expect(reversed).toStrictEqual({ ids: ["e1", "e2", "e0", "e3", "e4", "e5", "e6"], pages: 4 });
    });

    it("returns no cursor when the last page is exactly full", async () => {
      await seedMixed(context.store);
      const result = await readAll(context.store, { limit: 2, functionName: "orders" });
      expect(result).toStrictEqual({ ids: ["e6", "e4", "e2", "e1"], pages: 2 });
      const page = await context.store.listExecutions({ limit: 6 });
      expect(page.items).toHaveLength(6);
      expect(page.nextCursor).toBeUndefined();
    });

    it("pages through filtered results", async () => {
      await seedMixed(context.store);
      expect(await readAll(context.store, { limit: 1, functionName: "refunds" })).toStrictEqual({
        ids: ["e5", "e3"],
        pages: 2,
      });
      expect(
        await readAll(context.store, { limit: 2, startedBefore: t0 + 3000, reverse: true }),
      ).toStrictEqual({
        ids: ["e1", "e2"],
        pages: 1,
      });
    });

    it("keeps the next page stable when executions are added between pages", async () => {
      const { store } = context;
      await seedMixed(store);
      const first = await store.listExecutions({ limit: 2 });
      expect(ids(first)).toStrictEqual(["e6", "e5"]);
      await seed(store, [
        newExecution("e9", { startedAt: t0 + 9000 }),
        newExecution("e7", { startedAt: t0 + 3500 }),
      ]);
      const second = await store.listExecutions({ limit: 3, cursor: first.nextCursor! });
      expect(ids(second)).toStrictEqual(["e7", "e4", "e3"]);
    });

    it("returns 100 executions by default and up to 1000 when asked", async () => {
      const { store } = context;
      const inputs = Array.from({ length: 101 }, (_, i) =>
        newExecution(`x${String(i).padStart(3, "0")}`, { startedAt: t0 + i }),
      );
      await Promise.all(inputs.map((input) => store.createExecution(input)));
      const page = await store.listExecutions();
      expect(page.items).toHaveLength(100);
      expect(page.items[0]?.executionId).toBe("x100");
      expect(page.nextCursor).toBeDefined();
      const rest = await store.listExecutions({ cursor: page.nextCursor! });
      expect(ids(rest)).toStrictEqual(["x000"]);
      expect((await store.listExecutions({ limit: 1000 })).items).toHaveLength(101);
    });

    it("rejects a limit outside 1..1000 or not an integer", async () => {
      await seedMixed(context.store);
      for (const limit of [0, -1, 1001, 2.5, Number.NaN]) {
        expect(await rejectionCode(context.store.listExecutions({ limit }))).toBe(
          "INVALID_ARGUMENT",
        );
      }
    });

    it("rejects a malformed cursor", async () => {
      await seedMixed(context.store);
      const forged = Buffer.from(JSON.stringify({ startedAt: 1 }), "utf8").toString("base64url");
      for (const cursor of ["not a cursor", "", forged]) {
        expect(await rejectionCode(context.store.listExecutions({ cursor }))).toBe(
          "INVALID_ARGUMENT",
        );
      }
    });

    it("rejects a cursor used with the opposite direction", async () => {
      await seedMixed(context.store);
      const page = await context.store.listExecutions({ limit: 2 });
      expect(
        await rejectionCode(
          context.store.listExecutions({ cursor: page.nextCursor!, reverse: true }),
        ),
      ).toBe("INVALID_ARGUMENT");
    });
  });
}
