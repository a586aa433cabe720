import { describeStoreContract } from "../conformance/index.ts";
import { createMemoryStore } from "./memory-store.ts";

describeStoreContract("MemoryStore", async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});
