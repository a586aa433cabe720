/** The built web console, as hono middleware or as a wrapper of a fetch handler. */
export {
  createConsoleAssets,
  defaultConsoleDirectory,
  serveConsole,
  withConsole,
} from "./serve-console.ts";
export type { ConsoleAssets, ServeConsoleOptions } from "./serve-console.ts";
export type { ConsoleFile, ConsoleFiles } from "./console-files.ts";
