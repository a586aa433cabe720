/**
 * `durably serve <module…>`: hosts the modules' durable functions (workers in this process) and
 * serves the HTTP API, with the web console at `/` when it is built. Runs until SIGTERM/SIGINT,
 * then shuts down gracefully.
 */
import { Command } from "commander";
import type { CliContext } from "../cli-io.ts";
import { parsePortOption } from "../option-parsers.ts";
import { apiTokensVariable, resolveServeAuth } from "../wiring/serve-auth.ts";
import { withDatabaseOption } from "./common-options.ts";

interface ServeOptions {
  db: string;
  schema?: string;
  host: string;
  port: string;
  insecureLocal?: boolean;
  tokenFile?: string;
}

/** Creates the `serve` command. */
export function createServeCommand(context: CliContext): Command {
  return withDatabaseOption(
    new Command("serve")
      .summary("host durable functions and serve the HTTP API")
      .description(
        "Host the durable functions exported by the modules, run their executions in this process, " +
          "and serve the HTTP API (and the web console at / when it is built). Every exported " +
          "function is registered under its export name; a default export under its file name. " +
          "SIGTERM or SIGINT shuts down gracefully (requests and invocations in flight finish); a " +
          "second signal exits at once.",
      )
      .argument("<module...>", "TypeScript or JavaScript files exporting durable handlers"),
  )
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "3000")
    .option("--token-file <file>", "file of API tokens, one token[:admin|:callbacks] per line")
    .option("--insecure-local", "accept requests without a token (loopback addresses only)")
    .addHelpText(
      "after",
      `\nAPI tokens come from ${apiTokensVariable} (comma-separated token[:scope], scope admin\n` +
        "(default) or callbacks; at least 16 characters) or --token-file, never from the command line.\n\n" +
        "Examples:\n" +
        `  ${apiTokensVariable}=$(cat ~/.durably-token) durably serve ./orders.ts --port 8080\n` +
        "  durably serve ./orders.ts ./refunds.ts --insecure-local --db .durably/prod.db\n" +
        "  durably serve ./orders.ts --db postgres://durably@db:5432/app --host 0.0.0.0\n",
    )
    .action(async (modulePaths: string[], options: ServeOptions) => {
      const { io } = context;
      const port = parsePortOption(options.port);
      const auth = resolveServeAuth({
        env: io.env,
        cwd: io.cwd,
        host: options.host,
        tokenFile: options.tokenFile,
        insecureLocal: options.insecureLocal === true,
      });
      // Loaded here, not at the top: the HTTP stack costs every other command a second to import.
      const { serveUntilSignal } = await import("../wiring/serve-until-signal.ts");
      const code = await serveUntilSignal(
        {
          modulePaths,
          dbPath: options.db,
          schema: options.schema,
          host: options.host,
          port,
          auth,
          io,
        },
        { label: "serve" },
      );
      context.setExitCode(code);
    });
}
