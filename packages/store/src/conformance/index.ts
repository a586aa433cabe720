/** The Store contract suite, run by every adapter's tests. */
export { describeStoreContract } from "./describe-store-contract.ts";
/** What an adapter's test gives the suite: a fresh store per test and its cleanup. */
export type { StoreHarness, StoreHarnessFactory } from "./contract-context.ts";
