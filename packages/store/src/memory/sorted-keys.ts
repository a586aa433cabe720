/**
 * A sorted array of `(at, id, sub)` keys: binary search to find, `splice` to insert and remove.
 * Inserts at the end (the common case: newer executions, later timers) are a push; elsewhere the
 * memmove of `splice` beats a tree for the sizes the memory store sees.
 */

/** A sort key: an instant, then an execution id, then a sub-key (timer id, or ""). */
export interface SortKey {
  readonly at: number;
  readonly id: string;
  readonly sub: string;
}

/** Orders keys by `at`, then `id`, then `sub`. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.sub !== b.sub) return a.sub < b.sub ? -1 : 1;
  return 0;
}

/** Keys kept in ascending order; equal keys are not allowed. */
export class SortedKeys {
  #items: SortKey[] = [];

  /** Number of keys. */
  get size(): number {
    return this.#items.length;
  }

  /** The key at `index` in ascending order. */
  at(index: number): SortKey | undefined {
    return this.#items[index];
  }

  /** Index of the first key >= `key`. */
  lowerBound(key: SortKey): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareKeys(this.#items[mid] as SortKey, key) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Index of the first key > `key`. */
  upperBound(key: SortKey): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareKeys(this.#items[mid] as SortKey, key) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Adds a key. */
  insert(key: SortKey): void {
    const last = this.#items[this.#items.length - 1];
    if (last === undefined || compareKeys(last, key) < 0) this.#items.push(key);
    else this.#items.splice(this.lowerBound(key), 0, key);
  }

  /** Removes a key equal to `key`, if present. */
  remove(key: SortKey): void {
    const index = this.lowerBound(key);
    const found = this.#items[index];
    if (found !== undefined && compareKeys(found, key) === 0) this.#items.splice(index, 1);
  }
}
