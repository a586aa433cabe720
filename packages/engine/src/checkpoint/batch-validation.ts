/**
 * Whole-batch checks of a checkpoint request (protocol.md §6.1, rules 1–3), run before any update is
 * looked at on its own, plus the per-update size limits of rule 4 and §10. Messages are the service's.
 */
import type { OperationUpdate } from "@durably/sdk/protocol";
import { invalidCheckpoint } from "../errors/invalid-parameter-value-exception.ts";

/** Service limits. */
export const checkpointLimits = {
  /** Payload strings (results, inputs), in characters. */
  maxPayloadChars: 6_291_456,
  /** An update carrying an Error must serialise to fewer bytes than this. */
  maxErrorUpdateBytes: 32_768,
  /** Wait and retry delays, and callback timeouts, in seconds. */
  maxDelaySeconds: 31_622_400,
} as const;

/** Rules 1–3 over the whole batch. `isContext(id)` says whether a CONTEXT with that id is already recorded. */
export function validateBatch(
  updates: readonly OperationUpdate[],
  isContext: (id: string) => boolean,
): void {
  checkExecutionUpdates(updates);
  checkIds(updates);
  checkParents(updates, isContext);
}

/** Rule 4's size limits for one update (the transition itself is checked when it is applied). */
export function checkUpdateSize(update: OperationUpdate): void {
  if (update.Error !== undefined && update.Error !== null) {
    if (Buffer.byteLength(JSON.stringify(update), "utf8") >= checkpointLimits.maxErrorUpdateBytes) {
      throw invalidCheckpoint("Error object size must be less than 32768 bytes.");
    }
  }
  if (
    typeof update.Payload === "string" &&
    update.Payload.length > checkpointLimits.maxPayloadChars
  ) {
    throw invalidCheckpoint(
      `Payload size must be at most ${checkpointLimits.maxPayloadChars} characters.`,
    );
  }
}

function checkExecutionUpdates(updates: readonly OperationUpdate[]): void {
  let executionIndex = -1;
  for (let i = 0; i < updates.length; i++) {
    if (updates[i]?.Type !== "EXECUTION") continue;
    if (executionIndex >= 0)
      throw invalidCheckpoint("Cannot checkpoint multiple EXECUTION updates.");
    executionIndex = i;
  }
  if (executionIndex >= 0 && executionIndex !== updates.length - 1) {
    throw invalidCheckpoint("EXECUTION checkpoint must be the last update.");
  }
}

function checkIds(updates: readonly OperationUpdate[]): void {
  // Fast path: almost every batch has distinct ids, or one START+outcome pair.
  const first = new Map<string, OperationUpdate>();
  const repeated = new Set<string>();
  for (const update of updates) {
    if (typeof update.Id !== "string" || update.Id.length === 0)
      throw invalidCheckpoint("Operation update must have an Id.");
    const earlier = first.get(update.Id);
    if (earlier === undefined) {
      first.set(update.Id, update);
      continue;
    }
    const isPair =
      !repeated.has(update.Id) &&
      (update.Type === "STEP" || update.Type === "CONTEXT") &&
      earlier.Type === update.Type &&
      earlier.Action === "START" &&
      update.Action !== "START";
    if (!isPair)
      throw invalidCheckpoint("Cannot update the same operation twice in a single request.");
    repeated.add(update.Id);
  }
}

function checkParents(
  updates: readonly OperationUpdate[],
  isContext: (id: string) => boolean,
): void {
  let startedHere: Set<string> | undefined;
  for (const update of updates) {
    const parentId = update.ParentId;
    if (parentId !== undefined && parentId !== null) {
      if (startedHere?.has(parentId) !== true && !isContext(parentId))
        throw invalidCheckpoint("Invalid parent operation id.");
    }
    if (update.Type === "CONTEXT" && update.Action === "START")
      (startedHere ??= new Set()).add(update.Id);
  }
}
