/** Replay found a recorded operation that differs from what the code does now (spec §13.2). */
export class NonDeterministicExecutionError extends Error {
  override name: string = "NonDeterministicExecutionError";
}
