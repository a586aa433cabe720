#!/usr/bin/env node
/** The `run-durable` binary. */
import { runDurable } from "./run-durable.ts";

process.exitCode = await runDurable(process.argv.slice(2));
