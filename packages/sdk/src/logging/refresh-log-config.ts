/**
 * Re-reads `DURABLE_VERBOSE_MODE` in the official SDK, which then prints its own debug output.
 * This SDK writes no internal debug output, so there is nothing to refresh; kept so code that
 * calls it runs unchanged.
 */
export function refreshLogConfig(): void {}
