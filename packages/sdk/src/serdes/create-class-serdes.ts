import type { Serdes } from "./serdes.ts";

/** A class whose instances can be rebuilt from plain JSON fields. */
export type SerdesClass<T> = new () => T;

/** JSON serdes that deserialises into a fresh instance of `cls` (fields assigned onto it). */
export function createClassSerdes<T extends object>(cls: SerdesClass<T>): Serdes<T> {
  return {
    serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
    deserialize: async (data) =>
      data === undefined ? undefined : Object.assign(new cls(), JSON.parse(data) as object),
  };
}
