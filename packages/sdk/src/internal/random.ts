/**
 * The only module of the SDK that draws random numbers (lint forbids Math.random elsewhere);
 * retry jitter takes a {@link RandomSource} so tests can fix it.
 */

/** Returns a number in [0, 1). */
export type RandomSource = () => number;

/** Math.random. */
export const systemRandom: RandomSource = () => Math.random();
