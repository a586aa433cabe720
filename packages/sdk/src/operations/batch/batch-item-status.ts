/** Status of one item of a map/parallel batch. */
export const BatchItemStatus = {
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  STARTED: "STARTED",
} as const;
/** One of {@link BatchItemStatus}'s values. */
export type BatchItemStatus = (typeof BatchItemStatus)[keyof typeof BatchItemStatus];
