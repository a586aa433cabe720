import { NonDeterministicExecutionError } from "../errors/non-deterministic-execution-error.ts";
import type { Operation, OperationType } from "../protocol/wire.ts";

/** What the code asks for now, to compare with what was recorded. */
export interface OperationDescriptor {
  readonly type: OperationType;
  readonly subType: string;
  readonly name: string | undefined;
}

/**
 * Compares a recorded operation with the current call (type, then name, then subtype) and
 * describes the first difference (spec §13.2); undefined when they agree or nothing is recorded.
 */
export function checkReplayConsistency(
  stepId: string,
  recorded: Operation | undefined,
  current: OperationDescriptor,
): NonDeterministicExecutionError | undefined {
  if (recorded?.Type === undefined) return undefined;
  if (recorded.Type !== current.type) return mismatch("type", stepId, recorded.Type, current.type);
  if (recorded.Name !== current.name) return mismatch("name", stepId, recorded.Name, current.name);
  if (recorded.SubType !== current.subType)
    return mismatch("subtype", stepId, recorded.SubType, current.subType);
  return undefined;
}

function mismatch(
  field: string,
  stepId: string,
  recorded: string | undefined,
  current: string | undefined,
): NonDeterministicExecutionError {
  return new NonDeterministicExecutionError(
    `[Unrecoverable Execution] Non-deterministic execution detected: Operation ${field} mismatch for step ` +
      `"${stepId}". Expected ${field} "${recorded}", but got "${current}". ` +
      "This indicates non-deterministic control flow in your workflow code.",
  );
}
