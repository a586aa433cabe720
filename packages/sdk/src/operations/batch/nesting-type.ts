/** How map/parallel items are nested. */
export const NestingType = {
  /** Each item is a child context (default). */
  NESTED: "NESTED",
  /** Items are virtual contexts: no CONTEXT records of their own. */
  FLAT: "FLAT",
} as const;
/** One of {@link NestingType}'s values. */
export type NestingType = (typeof NestingType)[keyof typeof NestingType];
