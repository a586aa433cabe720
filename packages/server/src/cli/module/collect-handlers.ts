/**
 * The functions a server hosts: every exported function of every module given to `serve` or
 * `dev`, under its export name (a default export under the module's file name). Classes (exported
 * error types, say) are not handlers and are left out.
 */
import { CliError } from "../cli-error.ts";
import type { PickedHandler } from "./pick-handler.ts";

/** One loaded module, as collectHandlers needs it. */
export interface ModuleExports {
  /** Path shown in messages. */
  modulePath: string;
  /** Registration name of a default export. */
  defaultExportName: string;
  namespace: Readonly<Record<string, unknown>>;
}

/** Every handler of `modules`; throws NO_HANDLER for a module without one, INVALID_OPTION when two modules export the same name. */
export function collectHandlers(modules: readonly ModuleExports[]): PickedHandler[] {
  const byName = new Map<string, { handler: PickedHandler; modulePath: string }>();
  for (const module of modules) {
    const exports = Object.keys(module.namespace)
      .sort()
      .filter((name) => isPlainFunction(module.namespace[name]));
    if (exports.length === 0) {
      throw new CliError("NO_HANDLER", `${module.modulePath} exports no function.`, {
        hint: "Export the handler, e.g. `export const handler = withDurableExecution(async (event, context) => …)`.",
      });
    }
    for (const exportName of exports) {
      const functionName = exportName === "default" ? module.defaultExportName : exportName;
      const previous = byName.get(functionName);
      if (previous !== undefined) {
        throw new CliError(
          "INVALID_OPTION",
          `Function "${functionName}" is exported by both ${previous.modulePath} and ${module.modulePath}.`,
          { hint: "Rename one export: functions are registered under their export names." },
        );
      }
      byName.set(functionName, {
        modulePath: module.modulePath,
        handler: {
          exportName,
          functionName,
          handler: module.namespace[exportName] as PickedHandler["handler"],
        },
      });
    }
  }
  return [...byName.values()].map((entry) => entry.handler);
}

function isPlainFunction(value: unknown): boolean {
  return (
    typeof value === "function" && !/^class[\s{]/.test(Function.prototype.toString.call(value))
  );
}
