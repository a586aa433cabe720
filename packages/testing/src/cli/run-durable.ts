/**
 * `run-durable <file>`: runs one durable handler locally on LocalDurableTestRunner and prints how it
 * ended, as the official testing library's CLI does. The file is imported as is, so TypeScript
 * handlers need a loader (e.g. `tsx`); the handler is the module's `handler` export by default.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { LocalDurableTestRunner } from "../runner/local-durable-test-runner.ts";

/** Where the command writes. */
export interface RunDurableOutput {
  out(line: string): void;
  err(line: string): void;
}

const usage = `Usage: run-durable <file> [options]

Runs the durable handler exported by <file> once, locally, and prints its result.

Options:
  --skip-time              skip waits and retry back-off instead of waiting in real time
  -v, --verbose            also print the table of operations
  --show-history           also print the history events
  --handler-export <name>  the export holding the handler (default: handler)
  -h, --help               show this help`;

const consoleOutput: RunDurableOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Runs the command; resolves with the exit code (0 succeeded, 1 failed, 2 usage or loading error). */
export async function runDurable(
  argv: readonly string[],
  output: RunDurableOutput = consoleOutput,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        "skip-time": { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        "show-history": { type: "boolean", default: false },
        "handler-export": { type: "string", default: "handler" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    output.err(usage);
    return 2;
  }
  const exportName = values["handler-export"];
  let handler: unknown;
  try {
    const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    handler = module[exportName];
  } catch (error) {
    output.err(`Could not load ${file}: ${(error as Error).message}`);
    return 2;
  }
  if (typeof handler !== "function") {
    output.err(
      `${file} has no export named "${exportName}" holding a durable handler (choose another with --handler-export).`,
    );
    return 2;
  }

  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: values["skip-time"] });
  try {
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler as (event: unknown, context: unknown) => Promise<unknown>,
    });
    const result = await runner.run();
    const status = result.getStatus();
    output.out(`Status: ${status}`);
    if (status === "SUCCEEDED")
      output.out(`Result: ${JSON.stringify(result.getResult(), null, 2)}`);
    else output.out(`Error: ${JSON.stringify(result.getError(), null, 2)}`);
    if (values.verbose) result.print();
    if (values["show-history"]) {
      output.out("History:");
      for (const event of result.getHistoryEvents()) {
        const name = event.Name === undefined ? "" : ` ${event.Name}`;
        output.out(
          `  ${event.EventId} ${event.EventTimestamp.toISOString()} ${event.EventType}${name}`,
        );
      }
    }
    return status === "SUCCEEDED" ? 0 : 1;
  } catch (error) {
    output.err(`The run failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
    return 1;
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}
