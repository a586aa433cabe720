/** When a step's START is made durable relative to its body (spec/sdk-api.md §5). */
export const StepSemantics = {
  /** START is checkpointed before the body runs; an interrupted attempt is not re-run. */
  AtMostOncePerRetry: "AT_MOST_ONCE_PER_RETRY",
  /** START is queued and the body runs at once; an interrupted attempt runs again (default). */
  AtLeastOncePerRetry: "AT_LEAST_ONCE_PER_RETRY",
} as const;
/** One of {@link StepSemantics}'s values. */
export type StepSemantics = (typeof StepSemantics)[keyof typeof StepSemantics];
