/**
 * Where the console's built files come from: a folder on disk in production, a map in tests.
 * Paths are relative to the console's root ("index.html", "assets/index-3f2a.js") and already
 * checked to stay inside it; the folder reader checks again, since it is the one touching disk.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve, sep } from "node:path";

/** A file's bytes and a validator for conditional requests. */
export interface ConsoleFile {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** Reads console files by relative path; undefined when there is no such file. */
export interface ConsoleFiles {
  read(relativePath: string): Promise<ConsoleFile | undefined>;
}

/** The files of the folder `directory`. */
export function directoryConsoleFiles(directory: string): ConsoleFiles {
  const root = resolve(directory);
  return {
    async read(relativePath) {
      const file = resolve(root, relativePath);
      if (!file.startsWith(root + sep)) return undefined;
      try {
        const info = await stat(file);
        if (!info.isFile()) return undefined;
        const buffer = await readFile(file);
        const bytes = new Uint8Array(
          buffer.buffer,
          buffer.byteOffset,
          buffer.byteLength,
        ) as Uint8Array<ArrayBuffer>;
        // Size and modification time change whenever a build rewrites the file.
        return {
          bytes,
          etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
        };
      } catch {
        return undefined;
      }
    },
  };
}
