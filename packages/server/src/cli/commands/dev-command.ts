/**
 * `durably dev <module…>`: the server, the workers and the console on a local SQLite file, without
 * tokens, on 127.0.0.1, reloading the functions whenever their files change. A reload registers
 * the new handlers for the invocations that start after it; invocations in flight finish on the
 * code they started with, and no execution is lost (they live in the database, not in the code).
 */
import path from "node:path";
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { parsePortOption } from "../option-parsers.ts";
import { watchModules } from "../wiring/module-watcher.ts";
import type { HostedFunctions } from "../wiring/host-functions.ts";

/** Default database of `durably dev`, apart from `run`'s so experiments do not mix. */
export const defaultDevDatabasePath = ".durably/dev.db";

interface DevOptions {
  db: string;
  port: string;
}

/** Creates the `dev` command. */
export function createDevCommand(context: CliContext): Command {
  return new Command("dev")
    .summary("serve functions locally, reloading them when their files change")
    .description(
      "Host the modules' durable functions with the HTTP API and the web console on 127.0.0.1, " +
        "without tokens, on a local SQLite file. When a module or a local file it imports changes, " +
        "the functions are imported afresh and registered again: new invocations run the new code, " +
        "invocations in flight finish on the old code.",
    )
    .argument("<module...>", "TypeScript or JavaScript files exporting durable handlers")
    .option("--db <file>", "SQLite database file", defaultDevDatabasePath)
    .option("--port <port>", "port to listen on (0 picks a free one)", "3000")
    .addHelpText(
      "after",
      "\nExample:\n  durably dev ./orders.ts\n  durably invoke handler --url http://127.0.0.1:3000 --wait\n",
    )
    .action(async (modulePaths: string[], options: DevOptions) => {
      const { io } = context;
      const port = parsePortOption(options.port);
      // Loaded here, not at the top: the HTTP stack costs every other command a second to import.
      const { createFreshImporter } = await import("../module/fresh-importer.ts");
      const { serveUntilSignal } = await import("../wiring/serve-until-signal.ts");
      const files = new Set<string>();
      const importer = createFreshImporter((file) => files.add(file));
      const code = await serveUntilSignal(
        {
          modulePaths,
          dbPath: options.db,
          host: "127.0.0.1",
          port,
          auth: { insecureLocal: true },
          io,
          importer,
        },
        {
          label: "dev",
          onListening: (hosted) => startReloading(hosted, modulePaths, files, context),
        },
      );
      context.setExitCode(code);
    });
}

/** Watches `files` and reloads on change, one reload at a time; returns the disposer. */
function startReloading(
  hosted: HostedFunctions,
  modulePaths: readonly string[],
  files: ReadonlySet<string>,
  context: CliContext,
): () => void {
  const { io } = context;
  const colors = colorsFor(io, io.stdout);
  let current: ReadonlySet<string> = new Set(files);
  let isReloading = false;
  let isPending = false;
  const reload = async (changed: string[]): Promise<void> => {
    if (isReloading) {
      isPending = true;
      return;
    }
    isReloading = true;
    const loaded = new Set<string>();
    try {
      const { createFreshImporter } = await import("../module/fresh-importer.ts");
      const { loadHandlers, registerHandlers } = await import("../wiring/host-functions.ts");
      const handlers = await loadHandlers(
        modulePaths,
        io.cwd,
        createFreshImporter((file) => loaded.add(file)),
      );
      registerHandlers(hosted.engine, handlers);
      current = loaded;
      watcher.setFiles(current);
      const names = handlers.map((picked) => picked.functionName).sort();
      io.stdout.write(
        `${colors.green("↻")} reloaded after a change to ${changed.map((file) => path.relative(io.cwd, file)).join(", ")}: ${names.join(", ")}\n`,
      );
    } catch (error) {
      // Keep serving the last good code; watch what the failed load reached too, so fixing it reloads.
      watcher.setFiles([...current, ...loaded]);
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(
        `${colors.red("reload failed:")} ${message}\n(still running the previous code)\n`,
      );
    } finally {
      isReloading = false;
      if (isPending) {
        isPending = false;
        void reload(changed);
      }
    }
  };
  const watcher = watchModules(files, (changed) => void reload(changed));
  return () => watcher.close();
}
