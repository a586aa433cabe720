#!/usr/bin/env node
/** The `durably` CLI: the composition root. Commands live in ./commands, one file each. */
import { runCli } from "./run-cli.ts";
import { processIo } from "./cli-io.ts";
import { createExecutionsCommand } from "./commands/executions-command.ts";
import { createRunCommand } from "./commands/run-command.ts";

process.exitCode = await runCli(
  process.argv,
  [createRunCommand, createExecutionsCommand],
  processIo(),
);
// A user's module may leave handles open (a pool, a timer); the command is over, so do not hang on them.
setTimeout(() => process.exit(), 1000).unref();
