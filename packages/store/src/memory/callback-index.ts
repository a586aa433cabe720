/**
 * Callback ids of the memory store: which operation holds each one, kept in step with every
 * operation write so `findOperationByCallbackId` is a map lookup.
 */
import { invalidArgument } from "../internal/store-errors.ts";
import { callbackIdOf } from "../internal/write-checks.ts";
import type { ExecutionId, OperationRecord } from "../port/records.ts";

/** Where a callback id lives. */
export interface CallbackOwner {
  executionId: ExecutionId;
  operationId: string;
}

/** Callback id → owning operation. */
export class CallbackIndex {
  readonly #owners = new Map<string, CallbackOwner>();

  /** The operation holding `callbackId`. */
  find(callbackId: string): CallbackOwner | undefined {
    return this.#owners.get(callbackId);
  }

  /** Throws INVALID_ARGUMENT when an operation would take a callback id another one holds. */
  checkWrites(
    executionId: ExecutionId,
    operations: readonly Omit<OperationRecord, "updatedVersion">[],
  ): void {
    for (const { operation } of operations) {
      const callbackId = callbackIdOf(operation);
      const owner = callbackId === undefined ? undefined : this.#owners.get(callbackId);
      if (
        owner !== undefined &&
        (owner.executionId !== executionId || owner.operationId !== operation.Id)
      ) {
        throw invalidArgument(
          `Callback id "${callbackId}" already belongs to operation "${owner.operationId}" of execution ` +
            `"${owner.executionId}"; callback ids are unique. Nothing was written.`,
        );
      }
    }
  }

  /** Records the callback ids of written operations; `previous[i]` is what `written[i]` replaced. */
  update(
    executionId: ExecutionId,
    written: readonly Omit<OperationRecord, "updatedVersion">[],
    previous: readonly (OperationRecord | undefined)[],
  ): void {
    written.forEach(({ operation }, i) => {
      const before = previous[i];
      const oldId = before === undefined ? undefined : callbackIdOf(before.operation);
      const newId = callbackIdOf(operation);
      if (oldId === newId) return;
      if (oldId !== undefined) this.#owners.delete(oldId);
      if (newId !== undefined) this.#owners.set(newId, { executionId, operationId: operation.Id });
    });
  }

  /** Forgets everything. */
  clear(): void {
    this.#owners.clear();
  }
}
