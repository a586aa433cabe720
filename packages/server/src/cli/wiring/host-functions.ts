/**
 * What `serve` and `dev` share: load the modules, open the store, run the engine (workers in this
 * process) with the handlers registered, and serve the HTTP API, with the web console at `/` when
 * it is built. Closing is ordered so nothing in flight is lost: the server stops accepting and
 * finishes its requests, the engine finishes its invocations and releases its leases, and only
 * then is the store closed.
 */
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { DurableFunctionHandler, Engine } from "@durably/engine";
import type { Store } from "@durably/store";
import { defaultConsoleDirectory, withConsole } from "../../console-assets/index.ts";
import type { HttpAuth } from "../../http/bearer-auth.ts";
import { createHttpApp } from "../../http/create-http-app.ts";
import { startHttpServer } from "../../http/start-http-server.ts";
import type { RunningHttpServer } from "../../http/start-http-server.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../cli-io.ts";
import { isProcessAlive, recoverOrphanedLeases } from "../lease-recovery.ts";
import { collectHandlers } from "../module/collect-handlers.ts";
import type { PickedHandler } from "../module/pick-handler.ts";
import { loadUserModule, moduleBaseName } from "../module/load-user-module.ts";
import type { ModuleImporter } from "../module/load-user-module.ts";
import { createCliEngine } from "./create-cli-engine.ts";
import { openStore } from "./open-store.ts";

/** What to host, where. */
export interface HostOptions {
  modulePaths: readonly string[];
  /** SQLite file or PostgreSQL URL (`--db`). */
  dbPath: string;
  /** PostgreSQL schema (`--schema`). */
  schema?: string | undefined;
  host: string;
  port: number;
  auth: HttpAuth;
  io: CliIo;
  /** How modules are imported (dev passes a fresh-copy importer). */
  importer?: ModuleImporter | undefined;
}

/** A running server with its engine. */
export interface HostedFunctions {
  url: string;
  engine: Engine;
  /** Names of the registered functions, sorted. */
  functionNames: string[];
  /** Whether the web console is served at `/`. */
  hasConsole: boolean;
  /** server.close → engine.stop → store.close; idempotent. */
  close(): Promise<void>;
}

/** Loads every module and returns their handlers (validates everything before any I/O on the store). */
export async function loadHandlers(
  modulePaths: readonly string[],
  cwd: string,
  importer?: ModuleImporter,
): Promise<PickedHandler[]> {
  const modules = [];
  for (const modulePath of modulePaths) {
    const loaded = await loadUserModule(modulePath, cwd, importer);
    modules.push({
      modulePath,
      defaultExportName: moduleBaseName(loaded.path),
      namespace: loaded.namespace,
    });
  }
  return collectHandlers(modules);
}

/** Registers `handlers`; a name registered again replaces the old handler for new invocations only. */
export function registerHandlers(engine: Engine, handlers: readonly PickedHandler[]): void {
  for (const picked of handlers)
    engine.register(picked.functionName, picked.handler as unknown as DurableFunctionHandler);
}

/** Starts hosting; on failure everything opened so far is closed again. */
export async function hostFunctions(options: HostOptions): Promise<HostedFunctions> {
  const { io } = options;
  const handlers = await loadHandlers(options.modulePaths, io.cwd, options.importer);
  const store: Store = await openStore(
    { db: options.dbPath, schema: options.schema },
    { cwd: io.cwd, create: true },
  );
  let engine: Engine | undefined;
  try {
    const recovered = await recoverOrphanedLeases(store, {
      hostname: hostname(),
      now: Date.now(),
      isProcessAlive,
    });
    if (recovered.length > 0)
      io.stderr.write(`Recovered ${recovered.length} execution(s) whose process was killed.\n`);
    engine = createCliEngine(store, (error) => {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`warning: the engine reported an error: ${message}\n`);
    }).engine;
    registerHandlers(engine, handlers);
    const app = createHttpApp({
      engine,
      auth: options.auth,
      onError: (error) => {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr.write(`warning: an API request failed: ${message}\n`);
      },
    });
    const hasConsole = existsSync(path.join(defaultConsoleDirectory(), "index.html"));
    const server = await listen(options, app, hasConsole);
    engine.start();
    const running = engine;
    let closing: Promise<void> | undefined;
    return {
      url: server.url,
      engine: running,
      functionNames: handlers.map((picked) => picked.functionName).sort(),
      hasConsole,
      close() {
        closing ??= (async () => {
          try {
            await server.close();
          } finally {
            try {
              await running.stop();
            } finally {
              await store.close();
            }
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await engine?.stop();
    await store.close();
    throw error;
  }
}

async function listen(
  options: HostOptions,
  app: ReturnType<typeof createHttpApp>,
  hasConsole: boolean,
): Promise<RunningHttpServer> {
  try {
    return await startHttpServer({
      app,
      host: options.host,
      port: options.port,
      // The console's files load without a token (the page asks for one); the rest is the API.
      ...(hasConsole ? { fetch: withConsole(app.fetch) } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      throw new CliError(
        "INVALID_OPTION",
        `Cannot listen on ${options.host}:${options.port} (${code}).`,
        {
          hint:
            code === "EADDRINUSE"
              ? "Another process uses that port: pass another --port (0 picks a free one)."
              : "Pass a --host and --port this process may bind.",
          cause: error,
        },
      );
    }
    throw error;
  }
}
