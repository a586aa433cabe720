/**
 * Chooses which export of a user module is the durable handler to run.
 */
import { CliError } from "../cli-error.ts";

/** The chosen handler and the name it is registered under. */
export interface PickedHandler {
  /** Name the engine registers the function under: the export name (a default export takes the module's file name). */
  functionName: string;
  exportName: string;
  handler: (...args: never[]) => unknown;
}

/** Options of {@link pickHandler}. */
export interface PickHandlerOptions {
  /** The export named by `--function`. */
  exportName?: string | undefined;
  /** Path shown in messages. */
  modulePath: string;
  /** Registration name of a default export. */
  defaultExportName: string;
}

/**
 * The export named by `--function`; else the only function export; else the export named
 * `handler`. Anything else is a clear error listing what the module exports.
 */
export function pickHandler(
  namespace: Readonly<Record<string, unknown>>,
  options: PickHandlerOptions,
): PickedHandler {
  const exports = Object.keys(namespace).sort();
  const functions = exports.filter((name) => typeof namespace[name] === "function");
  const picked = (exportName: string): PickedHandler => ({
    exportName,
    functionName: exportName === "default" ? options.defaultExportName : exportName,
    handler: namespace[exportName] as PickedHandler["handler"],
  });
  const listing = `It exports ${describeExports(namespace, exports)}.`;

  if (options.exportName !== undefined) {
    if (!(options.exportName in namespace)) {
      throw new CliError(
        "UNKNOWN_FUNCTION",
        `${options.modulePath} has no export named "${options.exportName}". ${listing}`,
        {
          hint:
            functions.length > 0
              ? `Pass --function with one of: ${functions.join(", ")}.`
              : "Export the handler returned by withDurableExecution.",
        },
      );
    }
    if (typeof namespace[options.exportName] !== "function") {
      throw new CliError(
        "UNKNOWN_FUNCTION",
        `Export "${options.exportName}" of ${options.modulePath} is a ${typeName(namespace[options.exportName])}, not a function. ${listing}`,
        { hint: "Point --function at the handler returned by withDurableExecution." },
      );
    }
    return picked(options.exportName);
  }
  const [only] = functions;
  if (functions.length === 1 && only !== undefined) return picked(only);
  if (functions.includes("handler")) return picked("handler");
  if (functions.length === 0) {
    throw new CliError("NO_HANDLER", `${options.modulePath} exports no function. ${listing}`, {
      hint: "Export the handler, e.g. `export const handler = withDurableExecution(async (event, context) => …)`.",
    });
  }
  throw new CliError(
    "NO_HANDLER",
    `${options.modulePath} exports several functions (${functions.join(", ")}) and none is named "handler".`,
    { hint: `Choose one with --function, e.g. --function ${functions[0] ?? "handler"}.` },
  );
}

function describeExports(
  namespace: Readonly<Record<string, unknown>>,
  exports: readonly string[],
): string {
  if (exports.length === 0) return "nothing";
  return exports.map((name) => `${name} (${typeName(namespace[name])})`).join(", ");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
