/** A promise that never settles: what operations of a terminating invocation return. */
export const NEVER: Promise<never> = new Promise<never>(() => {});

/** Does nothing; used to pre-attach rejection handlers. */
export function noop(): void {}
