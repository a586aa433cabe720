/** Who a transport failure affects: this invocation (retry it) or the execution (fail it). */
export const DurableExecutionClientErrorScope = {
  INVOCATION: "INVOCATION",
  EXECUTION: "EXECUTION",
} as const;
/** One of {@link DurableExecutionClientErrorScope}'s values. */
export type DurableExecutionClientErrorScope =
  (typeof DurableExecutionClientErrorScope)[keyof typeof DurableExecutionClientErrorScope];

/** Options of {@link DurableExecutionClientError}. */
export interface DurableExecutionClientErrorOptions {
  scope?: DurableExecutionClientErrorScope | undefined;
  cause?: unknown;
}

/** The error a custom transport throws to say whether a failure is invocation- or execution-wide. */
export class DurableExecutionClientError extends Error {
  override name: string = "DurableExecutionClientError";
  /** Brand checked by {@link isDurableExecutionClientError}, so it survives duplicate package copies. */
  readonly isDurableExecutionClientError: true = true;
  /** Who the failure affects. */
  readonly scope: DurableExecutionClientErrorScope;
  constructor(message: string, options: DurableExecutionClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.scope = options.scope ?? DurableExecutionClientErrorScope.INVOCATION;
  }
}

/** True for a {@link DurableExecutionClientError}, from this copy of the SDK or another. */
export function isDurableExecutionClientError(
  value: unknown,
): value is DurableExecutionClientError {
  return (
    value instanceof DurableExecutionClientError ||
    (typeof value === "object" &&
      value !== null &&
      (value as { isDurableExecutionClientError?: unknown }).isDurableExecutionClientError === true)
  );
}
