/**
 * Which RUNNING executions can be claimed, kept sorted twice: by claim rank (readiest first, the
 * order `claimReady` hands them out) and by the instant they become claimable (`nextReadyAt`).
 */
import type { ExecutionId, ExecutionRecord } from "../port/records.ts";
import { SortedKeys, type SortKey } from "./sorted-keys.ts";

/** When an execution becomes claimable: at lease expiry while leased, else at readyAt. */
function claimableAt(record: ExecutionRecord): number | undefined {
  if (record.status !== "RUNNING") return undefined;
  return record.leaseExpiresAt ?? record.readyAt;
}

/** Claim order: the earlier of readyAt and leaseExpiresAt. */
function claimRank(record: ExecutionRecord): number | undefined {
  if (record.status !== "RUNNING") return undefined;
  const { readyAt, leaseExpiresAt } = record;
  if (readyAt === undefined) return leaseExpiresAt;
  if (leaseExpiresAt === undefined) return readyAt;
  return Math.min(readyAt, leaseExpiresAt);
}

/** True when `record` may be claimed at `now`. */
export function isClaimable(record: ExecutionRecord, now: number): boolean {
  const at = claimableAt(record);
  return at !== undefined && at <= now;
}

/** The two sorted views, updated whenever an execution row changes. */
export class ReadyIndex {
  readonly #byRank = new SortedKeys();
  readonly #byClaimableAt = new SortedKeys();
  readonly #keys = new Map<
    ExecutionId,
    { rank: SortKey | undefined; claimable: SortKey | undefined; functionName: string }
  >();

  /** Re-files an execution after its row changed. */
  update(record: ExecutionRecord): void {
    const old = this.#keys.get(record.executionId);
    if (old?.rank !== undefined) this.#byRank.remove(old.rank);
    if (old?.claimable !== undefined) this.#byClaimableAt.remove(old.claimable);
    const rankAt = claimRank(record);
    const claimable = claimableAt(record);
    const keys = {
      rank: rankAt === undefined ? undefined : { at: rankAt, id: record.executionId, sub: "" },
      claimable:
        claimable === undefined ? undefined : { at: claimable, id: record.executionId, sub: "" },
      functionName: record.functionName,
    };
    if (keys.rank !== undefined) this.#byRank.insert(keys.rank);
    if (keys.claimable !== undefined) this.#byClaimableAt.insert(keys.claimable);
    if (keys.rank === undefined && keys.claimable === undefined)
      this.#keys.delete(record.executionId);
    else this.#keys.set(record.executionId, keys);
  }

  /**
   * Ids in claim order whose rank is due, for the caller to filter with {@link isClaimable}: an
   * execution whose lease is still active can be ranked due but not be claimable.
   */
  *rankedUpTo(now: number, functionNames?: readonly string[]): Generator<ExecutionId> {
    const accepts = this.#filter(functionNames);
    for (let i = 0; i < this.#byRank.size; i++) {
      const key = this.#byRank.at(i) as SortKey;
      if (key.at > now) return;
      if (accepts(key.id)) yield key.id;
    }
  }

  /** Earliest instant at which some execution (of `functionNames`, when given) is claimable. */
  nextReadyAt(functionNames?: readonly string[]): number | undefined {
    if (functionNames === undefined) return this.#byClaimableAt.at(0)?.at;
    const accepts = this.#filter(functionNames);
    for (let i = 0; i < this.#byClaimableAt.size; i++) {
      const key = this.#byClaimableAt.at(i) as SortKey;
      if (accepts(key.id)) return key.at;
    }
    return undefined;
  }

  #filter(functionNames: readonly string[] | undefined): (id: ExecutionId) => boolean {
    if (functionNames === undefined) return () => true;
    const allowed = new Set(functionNames);
    return (id) => allowed.has(this.#keys.get(id)?.functionName ?? "");
  }
}
