/** Why an invocation stops before its handler returns (spec/sdk-api.md §2 step 7). */
export const TerminationReason = {
  RETRY_SCHEDULED: "RETRY_SCHEDULED",
  WAIT_SCHEDULED: "WAIT_SCHEDULED",
  CALLBACK_PENDING: "CALLBACK_PENDING",
  RETRY_INTERRUPTED_STEP: "RETRY_INTERRUPTED_STEP",
  OPERATION_TERMINATED: "OPERATION_TERMINATED",
  CHECKPOINT_FAILED: "CHECKPOINT_FAILED",
  SERDES_FAILED: "SERDES_FAILED",
  CONTEXT_VALIDATION_ERROR: "CONTEXT_VALIDATION_ERROR",
  CONFIG_VALIDATION_ERROR: "CONFIG_VALIDATION_ERROR",
  NON_DETERMINISM: "NON_DETERMINISM",
  CUSTOM: "CUSTOM",
} as const;
/** One of {@link TerminationReason}'s values. */
export type TerminationReason = (typeof TerminationReason)[keyof typeof TerminationReason];

/** The reasons that end an invocation with PENDING (suspension). */
const SUSPEND_REASONS: ReadonlySet<TerminationReason> = new Set<TerminationReason>([
  TerminationReason.RETRY_SCHEDULED,
  TerminationReason.WAIT_SCHEDULED,
  TerminationReason.CALLBACK_PENDING,
  TerminationReason.RETRY_INTERRUPTED_STEP,
  TerminationReason.OPERATION_TERMINATED,
]);

/** True when `reason` suspends the execution rather than failing it. */
export function isSuspendReason(reason: TerminationReason): boolean {
  return SUSPEND_REASONS.has(reason);
}

/** How an invocation was terminated. */
export interface TerminationResult {
  readonly reason: TerminationReason;
  readonly error?: Error | undefined;
}

/** The termination signal the handler races against; the first {@link terminate} wins. */
export class Termination {
  readonly promise: Promise<TerminationResult>;
  #resolve: (result: TerminationResult) => void = () => {};
  #result: TerminationResult | undefined;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** The termination, once one happened. */
  get result(): TerminationResult | undefined {
    return this.#result;
  }

  /** Terminates the invocation unless it already was. */
  terminate(reason: TerminationReason, error?: Error): void {
    if (this.#result !== undefined) return;
    this.#result = error === undefined ? { reason } : { reason, error };
    this.#resolve(this.#result);
  }
}
