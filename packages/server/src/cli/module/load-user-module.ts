/**
 * Loads the module that holds the user's durable function. TypeScript files go through tsx's ESM
 * loader, registered in this process, so users run `.ts` files without a build step.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "../cli-error.ts";

const typeScriptExtensions: ReadonlySet<string> = new Set([".ts", ".mts", ".cts", ".tsx"]);
const javaScriptExtensions: ReadonlySet<string> = new Set([".js", ".mjs", ".cjs", ".jsx"]);

/** A loaded user module. */
export interface LoadedModule {
  /** Absolute path of the file. */
  path: string;
  namespace: Readonly<Record<string, unknown>>;
}

let tsxRegistered: Promise<void> | undefined;

/** Registers tsx's ESM hooks once per process; later imports of `.ts` files then just work. */
function registerTypeScript(): Promise<void> {
  tsxRegistered ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return tsxRegistered;
}

/** Imports a module by file URL; `durably dev` passes one that loads a fresh copy each time. */
export type ModuleImporter = (fileUrl: string) => Promise<unknown>;

/** Resolves `modulePath` against `cwd`, checks it is a file we can load, and imports it (with `importer` when given). */
export async function loadUserModule(
  modulePath: string,
  cwd: string,
  importer?: ModuleImporter,
): Promise<LoadedModule> {
  const absolute = path.resolve(cwd, modulePath);
  if (!existsSync(absolute)) {
    throw new CliError(
      "MODULE_NOT_FOUND",
      `Module not found: ${modulePath} (looked at ${absolute}).`,
      {
        hint: "Pass the path of a .ts or .js file that exports a durable handler.",
      },
    );
  }
  if (!statSync(absolute).isFile()) {
    throw new CliError("MODULE_NOT_FOUND", `${modulePath} is a directory, not a module file.`, {
      hint: "Pass the path of a .ts or .js file that exports a durable handler.",
    });
  }
  const extension = path.extname(absolute).toLowerCase();
  if (!typeScriptExtensions.has(extension) && !javaScriptExtensions.has(extension)) {
    throw new CliError(
      "MODULE_LOAD_FAILED",
      `Cannot load ${modulePath}: expected a .ts, .mts, .js or .mjs file.`,
    );
  }
  if (importer === undefined && typeScriptExtensions.has(extension)) await registerTypeScript();
  try {
    const url = pathToFileURL(absolute).href;
    const namespace = (await (importer ?? defaultImporter)(url)) as Record<string, unknown>;
    return { path: absolute, namespace };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("MODULE_LOAD_FAILED", `Failed to load ${modulePath}: ${reason}`, {
      cause: error,
      hint: "Fix the error above; the module is imported as ESM.",
    });
  }
}

function defaultImporter(fileUrl: string): Promise<unknown> {
  return import(fileUrl);
}

/** The name a default export is registered under: the file name without its extension. */
export function moduleBaseName(absolutePath: string): string {
  return path.basename(absolutePath, path.extname(absolutePath));
}
