/**
 * An engine over an existing database, for commands that only read. The engine is never
 * started, so reading claims nothing and runs nothing.
 */
import type { Engine } from "@durably/engine";
import { openDatabase } from "./open-database.ts";
import { createCliEngine } from "./create-cli-engine.ts";

/** Opens the database at `dbPath` (which must exist), calls `read` with an engine, and closes it. */
export async function withReadEngine<T>(
  dbPath: string,
  cwd: string,
  read: (engine: Engine) => Promise<T>,
): Promise<T> {
  const store = openDatabase({ dbPath, cwd, create: false });
  try {
    return await read(createCliEngine(store).engine);
  } finally {
    await store.close();
  }
}
