/**
 * An engine over an existing database, for commands that only read. The engine is never
 * started, so reading claims nothing and runs nothing.
 */
import type { Engine } from "@durably/engine";
import { createCliEngine } from "./create-cli-engine.ts";
import { openStore } from "./open-store.ts";
import type { StoreLocation } from "./open-store.ts";

/** Opens the database at `location` (which must exist), calls `read` with an engine, and closes it. */
export async function withReadEngine<T>(
  location: StoreLocation,
  cwd: string,
  read: (engine: Engine) => Promise<T>,
): Promise<T> {
  const store = await openStore(location, { cwd, create: false });
  try {
    return await read(createCliEngine(store).engine);
  } finally {
    await store.close();
  }
}
