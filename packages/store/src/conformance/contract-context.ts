/**
 * What each part of the contract suite receives: the store under test for the current test.
 */
import type { Store } from "../port/store.ts";

/** A store under test and how to dispose of it. */
export interface StoreHarness {
  store: Store;
  /**
   * Opens another store over the same data (another connection, as a second process would), for
   * the cross-instance races. Adapters whose data lives in one object (memory) leave it out.
   */
  openPeer?: () => Promise<Store>;
  /** Closes whatever is still open and deletes the data. */
  cleanup(): Promise<void>;
}

/** Creates a fresh, empty store for one test. */
export type StoreHarnessFactory = () => Promise<StoreHarness>;

/** Gives the suites the harness of the running test (set in `beforeEach`). */
export class ContractContext {
  #harness: StoreHarness | undefined;

  /** The running test's harness. */
  get harness(): StoreHarness {
    if (this.#harness === undefined)
      throw new Error("The store harness is only available inside a test");
    return this.#harness;
  }

  set harness(value: StoreHarness | undefined) {
    this.#harness = value;
  }

  /** The running test's store. */
  get store(): Store {
    return this.harness.store;
  }
}
