/** How much randomness is applied to a retry delay (spec/sdk-api.md §6.1). */
export const JitterStrategy = {
  /** The computed delay as is. */
  NONE: "NONE",
  /** A uniformly random delay between 0 and the computed delay. */
  FULL: "FULL",
  /** Half the computed delay plus a random share of the other half. */
  HALF: "HALF",
} as const;
/** One of {@link JitterStrategy}'s values. */
export type JitterStrategy = (typeof JitterStrategy)[keyof typeof JitterStrategy];
