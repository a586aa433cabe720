/**
 * Watches the files a set of modules loaded and calls back once per burst of changes. It watches
 * their directories rather than the files: editors often save by writing a new file and renaming
 * it over the old one, after which a watch on the old file hears nothing.
 */
import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import path from "node:path";

/** A running watch. */
export interface ModuleWatcher {
  /** Replaces the watched files (after a reload, the modules may import other files). */
  setFiles(files: Iterable<string>): void;
  close(): void;
}

/** Watches `files`; `onChange` gets the changed paths after `debounceMs` of quiet. */
export function watchModules(
  files: Iterable<string>,
  onChange: (changed: string[]) => void,
  debounceMs = 150,
): ModuleWatcher {
  const watchers = new Map<string, FSWatcher>();
  let wanted = new Set<string>();
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const setFiles = (next: Iterable<string>): void => {
    wanted = new Set([...next].map((file) => path.resolve(file)));
    const directories = new Set([...wanted].map((file) => path.dirname(file)));
    for (const [directory, watcher] of watchers) {
      if (!directories.has(directory)) {
        watcher.close();
        watchers.delete(directory);
      }
    }
    for (const directory of directories) {
      if (watchers.has(directory)) continue;
      const watcher = watch(directory, (_event, name) => {
        if (name === null) return;
        const file = path.join(directory, name.toString());
        if (!wanted.has(file)) return;
        changed.add(file);
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => {
          const batch = [...changed];
          changed.clear();
          onChange(batch);
        }, debounceMs);
      });
      // A directory that disappears must not crash the dev server; the next reload re-watches.
      watcher.on("error", () => undefined);
      watchers.set(directory, watcher);
    }
  };
  setFiles(files);
  return {
    setFiles,
    close() {
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
