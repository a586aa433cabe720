/**
 * Imports for `durably dev`: each import loads a fresh copy of the module and of everything it
 * imports (tsx's tsImport gives every call its own namespace, so Node's module cache does not
 * hand back the old code), and reports the local files it loaded so they can be watched.
 */
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { ModuleImporter } from "./load-user-module.ts";

/** An importer of fresh copies; `onLocalFile` hears of every file loaded outside node_modules. */
export function createFreshImporter(onLocalFile: (path: string) => void): ModuleImporter {
  return (fileUrl) =>
    tsImport(fileUrl, {
      parentURL: import.meta.url,
      onImport: (url) => {
        const path = localFilePath(url);
        if (path !== undefined) onLocalFile(path);
      },
    }) as Promise<unknown>;
}

/** The path of a `file:` URL outside node_modules (query and hash dropped), else undefined. */
export function localFilePath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const bare = url.replace(/[?#].*$/, "");
  const path = fileURLToPath(bare);
  return /[\\/]node_modules[\\/]/.test(path) ? undefined : path;
}
