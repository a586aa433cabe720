/**
 * The operations of one execution in the memory store: by id, in `seq` order, and by the version
 * that last wrote them, so `listOperations(changedAfterVersion)` reads only what changed.
 */
import type { OperationRecord } from "../port/records.ts";
import { cloneOperationRecord } from "./clone-records.ts";

/** Operation ids written by one commit. */
interface Change {
  version: number;
  ids: readonly string[];
}

/** Stored operations of one execution. Records handed out are the stored ones: callers copy them. */
export class OperationJournal {
  readonly #byId = new Map<string, OperationRecord>();
  /** Ascending `seq`. */
  readonly #bySeq: OperationRecord[] = [];
  /** Ascending `version`, one entry per write. */
  readonly #changes: Change[] = [];

  /** The stored record of an operation. */
  get(operationId: string): OperationRecord | undefined {
    return this.#byId.get(operationId);
  }

  /** Id of the operation holding `seq`, if any. */
  idAtSeq(seq: number): string | undefined {
    const found = this.#bySeq[this.#seqIndex(seq)];
    return found?.seq === seq ? found.operation.Id : undefined;
  }

  /** Every operation in `seq` order. */
  all(): readonly OperationRecord[] {
    return this.#bySeq;
  }

  /** Operations whose `updatedVersion` is greater than `version`, in `seq` order. */
  changedAfter(version: number): OperationRecord[] {
    let low = 0;
    let high = this.#changes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#changes[mid] as Change).version <= version) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return [...this.#bySeq];
    const ids = new Set<string>();
    for (let i = low; i < this.#changes.length; i++) {
      for (const id of (this.#changes[i] as Change).ids) ids.add(id);
    }
    const changed: OperationRecord[] = [];
    for (const id of ids) changed.push(this.#byId.get(id) as OperationRecord);
    return changed.sort((a, b) => a.seq - b.seq);
  }

  /**
   * Stores copies of `records` stamped with `version`. The caller has checked that no seq changes
   * and no seq is taken by another operation. Returns the records replaced (undefined when new).
   */
  write(
    records: readonly Omit<OperationRecord, "updatedVersion">[],
    version: number,
  ): (OperationRecord | undefined)[] {
    const previous: (OperationRecord | undefined)[] = [];
    const ids: string[] = [];
    for (const record of records) {
      const stored = cloneOperationRecord(record, version);
      const id = stored.operation.Id;
      const old = this.#byId.get(id);
      this.#byId.set(id, stored);
      const last = this.#bySeq[this.#bySeq.length - 1];
      if (old !== undefined) this.#bySeq[this.#seqIndex(old.seq)] = stored;
      else if (last === undefined || last.seq < stored.seq) this.#bySeq.push(stored);
      else this.#bySeq.splice(this.#seqIndex(stored.seq), 0, stored);
      previous.push(old);
      ids.push(id);
    }
    if (ids.length > 0) this.#changes.push({ version, ids });
    return previous;
  }

  // Index of the first record with seq >= `seq`.
  #seqIndex(seq: number): number {
    let low = 0;
    let high = this.#bySeq.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#bySeq[mid] as OperationRecord).seq < seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
