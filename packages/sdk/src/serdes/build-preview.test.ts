import { describe, expect, test } from "vitest";
import { buildPreview, FieldMatchMode, PreviewMode } from "../index.ts";

const order = {
  id: "order-42",
  status: "pending",
  user: { name: "Ada", email: "ada@example.com", address: { city: "Paris", zip: "75001" } },
  billing: { email: "billing@example.com" },
  total: 99.5,
};

const { INCLUDE_ALL, EXCLUDE_ALL } = PreviewMode;
const { PATH } = FieldMatchMode;

describe("buildPreview", () => {
  test("INCLUDE_ALL keeps every leaf, nested as in the value", () => {
    expect(buildPreview(order, { mode: INCLUDE_ALL })).toEqual(order);
  });

  test("EXCLUDE_ALL keeps only included fields", () => {
    expect(
      buildPreview(order, { mode: EXCLUDE_ALL, include: [{ name: "id" }, { name: "city" }] }),
    ).toEqual({ id: "order-42", user: { address: { city: "Paris" } } });
  });

  test("EXCLUDE_ALL with nothing included gives undefined", () => {
    expect(buildPreview(order, { mode: EXCLUDE_ALL })).toBeUndefined();
  });

  test("an included object brings every field below it", () => {
    expect(buildPreview(order, { mode: EXCLUDE_ALL, include: [{ name: "address" }] })).toEqual({
      user: { address: { city: "Paris", zip: "75001" } },
    });
    expect(
      buildPreview(order, { mode: EXCLUDE_ALL, include: [{ name: "user.address", match: PATH }] }),
    ).toEqual({ user: { address: { city: "Paris", zip: "75001" } } });
  });

  test("INCLUDE_ALL drops excluded fields and whole excluded objects", () => {
    expect(
      buildPreview(order, { mode: INCLUDE_ALL, exclude: [{ name: "user" }, { name: "total" }] }),
    ).toEqual({ id: "order-42", status: "pending", billing: { email: "billing@example.com" } });
  });

  test("masks replace values with the default mask string", () => {
    expect(buildPreview(order, { mode: INCLUDE_ALL, mask: [{ name: "email" }] })).toEqual({
      ...order,
      user: { ...order.user, email: "***" },
      billing: { email: "***" },
    });
  });

  test("a masked object is shown as one masked value, with a custom mask string", () => {
    expect(
      buildPreview(order, {
        mode: EXCLUDE_ALL,
        include: [{ name: "id" }],
        mask: [{ name: "address" }],
        maskString: "[hidden]",
      }),
    ).toEqual({ id: "order-42", user: { address: "[hidden]" } });
  });

  test("a mask makes a field visible in EXCLUDE_ALL mode", () => {
    expect(buildPreview(order, { mode: EXCLUDE_ALL, mask: [{ name: "total" }] })).toEqual({
      total: "***",
    });
  });

  test("exclude wins over include and mask", () => {
    expect(
      buildPreview(order, {
        mode: EXCLUDE_ALL,
        include: [{ name: "user" }],
        exclude: [{ name: "email" }, { name: "zip" }],
        mask: [{ name: "email" }],
      }),
    ).toEqual({ user: { name: "Ada", address: { city: "Paris" } } });
  });

  test("ANYWHERE matches a name at any depth, PATH only from the root", () => {
    expect(buildPreview(order, { mode: EXCLUDE_ALL, include: [{ name: "email" }] })).toEqual({
      user: { email: "ada@example.com" },
      billing: { email: "billing@example.com" },
    });
    expect(
      buildPreview(order, { mode: EXCLUDE_ALL, include: [{ name: "email", match: PATH }] }),
    ).toBeUndefined();
    expect(
      buildPreview(order, {
        mode: EXCLUDE_ALL,
        include: [{ name: "user.email", match: PATH }],
        mask: [{ name: "billing.email", match: PATH }],
      }),
    ).toEqual({ user: { email: "ada@example.com" }, billing: { email: "***" } });
    expect(
      buildPreview(order, { mode: INCLUDE_ALL, exclude: [{ name: "email", match: PATH }] }),
    ).toEqual(order);
  });

  test("an ANYWHERE dotted name matches that run of fields at any depth", () => {
    const value = { a: { user: { email: "x", name: "n" } }, user: { email: "y" } };
    expect(buildPreview(value, { mode: EXCLUDE_ALL, include: [{ name: "user.email" }] })).toEqual({
      a: { user: { email: "x" } },
      user: { email: "y" },
    });
  });

  test("array elements merge under the array's path; plain-value arrays are one leaf", () => {
    const value = {
      tags: ["a", "b"],
      lines: [
        { sku: "s1", qty: 1 },
        { sku: "s2", note: "gift" },
      ],
    };
    expect(buildPreview(value, { mode: INCLUDE_ALL })).toEqual({
      tags: ["a", "b"],
      lines: { sku: "s2", qty: 1, note: "gift" },
    });
    expect(buildPreview(value, { mode: INCLUDE_ALL, mask: [{ name: "tags" }] })).toEqual({
      tags: "***",
      lines: { sku: "s2", qty: 1, note: "gift" },
    });
    expect(buildPreview([{ id: 1 }, { name: "b" }], { mode: INCLUDE_ALL })).toEqual({
      id: 1,
      name: "b",
    });
  });

  test("a later element's object replaces an earlier element's plain value, and back", () => {
    expect(
      buildPreview([{ user: "arb" }, { user: { email: "x" } }], { mode: INCLUDE_ALL }),
    ).toEqual({ user: { email: "x" } });
    expect(
      buildPreview([{ user: { email: "x" } }, { user: "arb" }], { mode: INCLUDE_ALL }),
    ).toEqual({ user: "arb" });
  });

  test("values show as JSON would: toJSON applied, functions and undefined left out", () => {
    const value = {
      at: new Date(Date.UTC(2025, 0, 2)),
      skip: undefined,
      fn: () => 1,
      nil: null,
    };
    expect(buildPreview(value, { mode: INCLUDE_ALL })).toEqual({
      at: "2025-01-02T00:00:00.000Z",
      nil: null,
    });
  });

  test("keys with dots stay single fields and __proto__ keys are skipped", () => {
    const value = JSON.parse('{"a.b":1,"__proto__":{"polluted":true},"c":2}') as object;
    const preview = buildPreview(value, { mode: INCLUDE_ALL });
    expect(preview).toEqual({ "a.b": 1, c: 2 });
    expect(Object.getPrototypeOf(preview)).toBe(Object.prototype);
  });

  test("a cyclic reference is not followed", () => {
    const value: Record<string, unknown> = { id: 1 };
    value["self"] = value;
    expect(buildPreview(value, { mode: INCLUDE_ALL })).toEqual({ id: 1 });
  });

  test("non-objects have no preview", () => {
    for (const value of [undefined, null, 1, "text", true, new Date(0)])
      expect(buildPreview(value, { mode: INCLUDE_ALL })).toBeUndefined();
    expect(buildPreview({}, { mode: INCLUDE_ALL })).toBeUndefined();
  });

  test("fields are added in order until the next would pass maxPreviewBytes", () => {
    const value = { a: "1234", b: { c: "5678" }, d: "9" };
    // {"a":"1234"} = 12 bytes, {"a":"1234","b":{"c":"5678"}} = 29, + ,"d":"9" = 37.
    expect(buildPreview(value, { mode: INCLUDE_ALL, maxPreviewBytes: 11 })).toBeUndefined();
    expect(buildPreview(value, { mode: INCLUDE_ALL, maxPreviewBytes: 12 })).toEqual({ a: "1234" });
    expect(buildPreview(value, { mode: INCLUDE_ALL, maxPreviewBytes: 28 })).toEqual({ a: "1234" });
    expect(buildPreview(value, { mode: INCLUDE_ALL, maxPreviewBytes: 29 })).toEqual({
      a: "1234",
      b: { c: "5678" },
    });
    expect(buildPreview(value, { mode: INCLUDE_ALL, maxPreviewBytes: 37 })).toEqual(value);
  });

  test("the preview's JSON never passes maxPreviewBytes (default 4096)", () => {
    const big = {
      items: Object.fromEntries(
        Array.from({ length: 500 }, (_, i) => [`k${i}`, { v: "é".repeat(i % 7), n: i }]),
      ),
    };
    const preview = buildPreview(big, { mode: INCLUDE_ALL });
    const bytes = Buffer.byteLength(JSON.stringify(preview), "utf8");
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(bytes).toBeGreaterThan(4000);
    for (const limit of [50, 333, 1000]) {
      const capped = buildPreview(big, { mode: INCLUDE_ALL, maxPreviewBytes: limit });
      expect(Buffer.byteLength(JSON.stringify(capped), "utf8")).toBeLessThanOrEqual(limit);
    }
  });
});
