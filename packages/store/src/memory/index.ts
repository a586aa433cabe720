/** The in-memory store adapter, for tests and the testing library. */
export { MemoryStore, createMemoryStore } from "./memory-store.ts";
