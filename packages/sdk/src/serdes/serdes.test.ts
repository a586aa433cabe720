import { describe, expect, test } from "vitest";
import { createClassSerdes, createClassSerdesWithDates, defaultSerdes } from "../index.ts";

const context = { entityId: "1", durableExecutionArn: "arn" };

class Order {
  id = "";
  placedAt: Date | undefined;
  shipping: { at?: Date | string } = {};
  total(): string {
    return `order ${this.id}`;
  }
}

describe("serdes", () => {
  test("defaultSerdes is JSON with undefined kept as undefined", async () => {
    expect(await defaultSerdes.serialize(undefined, context)).toBeUndefined();
    expect(await defaultSerdes.deserialize(undefined, context)).toBeUndefined();
    expect(await defaultSerdes.serialize({ a: [1, "b"] }, context)).toBe('{"a":[1,"b"]}');
    expect(await defaultSerdes.deserialize('{"a":null}', context)).toEqual({ a: null });
    expect(await defaultSerdes.serialize(null, context)).toBe("null");
  });

  test("createClassSerdes rebuilds an instance of the class", async () => {
    const serdes = createClassSerdes(Order);
    const data = await serdes.serialize(Object.assign(new Order(), { id: "7" }), context);
    const order = await serdes.deserialize(data, context);
    expect(order).toBeInstanceOf(Order);
    expect(order?.total()).toBe("order 7");
    expect(await serdes.deserialize(undefined, context)).toBeUndefined();
    expect(await serdes.serialize(undefined, context)).toBeUndefined();
  });

  test("createClassSerdesWithDates turns truthy values at dotted paths into Dates", async () => {
    const serdes = createClassSerdesWithDates(Order, ["placedAt", "shipping.at", "missing.path"]);
    const source = Object.assign(new Order(), {
      id: "1",
      placedAt: new Date(1000),
      shipping: { at: new Date(2000) },
    });
    const order = await serdes.deserialize(await serdes.serialize(source, context), context);
    expect(order).toBeInstanceOf(Order);
    expect(order?.placedAt).toEqual(new Date(1000));
    expect(order?.shipping.at).toEqual(new Date(2000));
    const sparse = await serdes.deserialize('{"id":"2","placedAt":null}', context);
    expect(sparse?.placedAt).toBeNull();
  });
});
