import { createClassSerdes, type SerdesClass } from "./create-class-serdes.ts";
import type { Serdes } from "./serdes.ts";

/** Like {@link createClassSerdes}, then turns each truthy value at a dotted path into a `Date`. */
export function createClassSerdesWithDates<T extends object>(
  cls: SerdesClass<T>,
  datePaths: string[],
): Serdes<T> {
  const inner = createClassSerdes(cls);
  const paths = datePaths.map((path) => path.split("."));
  return {
    serialize: (value, context) => inner.serialize(value, context),
    async deserialize(data, context) {
      const value = await inner.deserialize(data, context);
      if (value !== undefined) for (const path of paths) reviveDate(value, path);
      return value;
    },
  };
}

function reviveDate(root: object, path: readonly string[]): void {
  let holder: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof holder !== "object" || holder === null) return;
    holder = (holder as Record<string, unknown>)[path[i] as string];
  }
  const key = path[path.length - 1];
  if (key === undefined || typeof holder !== "object" || holder === null) return;
  const record = holder as Record<string, unknown>;
  const value = record[key];
  if (value) record[key] = new Date(value as string | number);
}
