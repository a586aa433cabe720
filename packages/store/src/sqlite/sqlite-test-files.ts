/**
 * Temp directories for the SQLite tests (not a test file itself: the `*.sqlite.test.ts` files use it).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temp directory and a function that deletes it. */
export async function tempDirectory(
  prefix: string,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `durably-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
