import type { AnySerdes } from "./serdes.ts";

/** JSON serdes: `undefined` stays `undefined`, everything else goes through JSON. */
export const defaultSerdes: AnySerdes = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (data) => (data === undefined ? undefined : JSON.parse(data)),
};
