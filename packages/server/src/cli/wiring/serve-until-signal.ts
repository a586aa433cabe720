/**
 * Runs a hosted server until SIGTERM/SIGINT: prints where it listens, then shuts down in order
 * (server.close → engine.stop → store.close) and exits 0; a second signal exits 130 at once.
 */
import { colorsFor } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { hostFunctions } from "./host-functions.ts";
import type { HostedFunctions, HostOptions } from "./host-functions.ts";
import { onInterrupt } from "./on-interrupt.ts";
import { describeStoreLocation } from "./open-store.ts";

/** Options of {@link serveUntilSignal}. */
export interface ServeUntilSignalOptions {
  /** Name of the command, in messages. */
  label: string;
  /** Called once the server listens (dev starts watching here). Returns a disposer. */
  onListening?: (hosted: HostedFunctions) => () => void;
}

/** Hosts the functions until a signal; returns the exit code. */
export async function serveUntilSignal(
  options: HostOptions,
  extra: ServeUntilSignalOptions,
): Promise<number> {
  const { io } = options;
  const hosted = await hostFunctions(options);
  const colors = colorsFor(io, io.stdout);
  let stopWatching: () => void = () => undefined;
  const interrupted = onInterrupt(async () => {
    io.stderr.write(`\nShutting down: finishing requests and invocations in flight…\n`);
    stopWatching();
    await hosted.close();
  });
  try {
    io.stdout.write(
      `${colors.bold(`durably ${extra.label}`)} listening on ${hosted.url}\n` +
        `  functions: ${hosted.functionNames.join(", ")}\n` +
        `  database:  ${describeStoreLocation({ db: options.dbPath, schema: options.schema })}\n` +
        (hosted.hasConsole ? `  console:   ${hosted.url}/\n` : "") +
        `  auth:      ${"insecureLocal" in options.auth ? "none (insecure-local, loopback only)" : `${options.auth.tokens.length} API token(s)`}\n`,
    );
    stopWatching = extra.onListening?.(hosted) ?? stopWatching;
    await interrupted.promise;
    io.stderr.write("Stopped.\n");
    return ExitCode.OK;
  } finally {
    interrupted.dispose();
  }
}
