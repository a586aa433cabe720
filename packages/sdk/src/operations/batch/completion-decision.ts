/** Outcome of a batch completed by a custom `shouldComplete`. */
export const CompletionOutcome = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
} as const;
/** One of {@link CompletionOutcome}'s values. */
export type CompletionOutcome = (typeof CompletionOutcome)[keyof typeof CompletionOutcome];

/** What a custom `shouldComplete` returns. */
export type CompletionDecision =
  | { complete: false }
  | { complete: true; outcome?: CompletionOutcome | undefined };

/** Lets the batch go on. */
export function continueBatch(): CompletionDecision {
  return { complete: false };
}

/** Completes the batch now, as succeeded unless told otherwise. */
export function completeBatch(
  outcome: CompletionOutcome = CompletionOutcome.SUCCEEDED,
): CompletionDecision {
  return { complete: true, outcome };
}
