/**
 * What an at-most-once step's retry strategy sees when replay finds the step STARTED: its body
 * began in an earlier invocation and never reported an outcome, so it is not run again.
 */
export class StepInterruptedError extends Error {
  override name: string = "StepInterruptedError";
  /** Positional id of the interrupted step. */
  readonly stepId: string | undefined;
  /** Name of the interrupted step. */
  readonly stepName: string | undefined;
  constructor(stepId?: string, stepName?: string) {
    super(
      "The step execution process was initiated but failed to reach completion due to an interruption.",
    );
    this.stepId = stepId;
    this.stepName = stepName;
  }
}
