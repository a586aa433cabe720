#!/usr/bin/env node
/** The `durably` CLI: the composition root. Commands live in ./commands, one file each. */
import { runCli } from "./run-cli.ts";
import { processIo } from "./cli-io.ts";
import { createExecutionsCommand } from "./commands/executions-command.ts";
import { createRunCommand } from "./commands/run-command.ts";
import { createServeCommand } from "./commands/serve-command.ts";
import { createDevCommand } from "./commands/dev-command.ts";
import { createInvokeCommand } from "./commands/invoke-command.ts";
import { createCallbackCommand } from "./commands/callback-command.ts";
import { createWorkerCommand } from "./commands/worker-command.ts";
import { createMigrateCommand } from "./commands/migrate-command.ts";

process.exitCode = await runCli(
  process.argv,
  [
    createRunCommand,
    createExecutionsCommand,
    createServeCommand,
    createDevCommand,
    createInvokeCommand,
    createCallbackCommand,
    createWorkerCommand,
    createMigrateCommand,
  ],
  processIo(),
);
// A user's module may leave handles open (a pool, a timer); the command is over, so do not hang on them.
setTimeout(() => process.exit(), 1000).unref();
