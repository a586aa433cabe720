/**
 * `durably invoke`: starts an execution through a server (or its database) and, with `--wait`,
 * follows it by polling, showing the live operation view, then prints the outcome.
 */
import type { ExecutionSummary } from "@durably/engine";
import { hasErrorCode } from "@durably/store";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { createLiveView } from "../live/live-view.ts";
import { parseExecutionNameOption, parseInputOption } from "../option-parsers.ts";
import { renderOutcome } from "../render/executions-view.ts";
import { executionToJson, executionWithOperationsToJson, toJsonText } from "../render/json-view.ts";
import { renderTimeline } from "../render/timeline.ts";
import { openExecutionTarget } from "./execution-target.ts";
import type { ExecutionTarget, TargetOptions } from "./execution-target.ts";
import { onInterrupt } from "./on-interrupt.ts";

/** How often `--wait` asks for the execution's state (ms). */
const pollIntervalMs = 300;

/** What `durably invoke` was asked to do. */
export interface InvokeRequest extends TargetOptions {
  functionName: string;
  input?: string | undefined;
  name?: string | undefined;
  wait: boolean;
  json: boolean;
}

/** Starts the execution, optionally waits for it, and returns the exit code. */
export async function invokeFunction(request: InvokeRequest, io: CliIo): Promise<number> {
  // Validate before touching the server: bad input must change nothing.
  const input = parseInputOption(request.input);
  const name = parseExecutionNameOption(request.name);
  const target = await openExecutionTarget(request, io);
  try {
    const { execution, created } = await start(target, request.functionName, input, name);
    if (!request.wait) {
      if (request.json)
        io.stdout.write(`${toJsonText({ created, execution: executionToJson(execution) })}\n`);
      else
        io.stdout.write(
          `${created ? "Started" : "Found existing"} execution ${execution.name} of ${execution.functionName} (${execution.status}).\n` +
            `  id: ${execution.executionId}\n`,
        );
      return ExitCode.OK;
    }
    if (!request.json)
      io.stdout.write(
        `${created ? "Started" : "Following existing"} execution ${execution.name} of ${execution.functionName}.\n`,
      );
    const finished = await follow(target, execution, request, io);
    if (finished === "interrupted") return ExitCode.INTERRUPTED;
    const operations = await target.getOperations(finished.executionId);
    if (request.json) {
      io.stdout.write(`${toJsonText(executionWithOperationsToJson(finished, operations))}\n`);
    } else {
      const colors = colorsFor(io, io.stdout);
      const now = Date.now();
      const timeline = renderTimeline({
        operations,
        startedAt: finished.startedAt,
        endedAt: finished.endedAt ?? now,
        colors,
      });
      io.stdout.write(
        `\n${renderOutcome(finished, { colors, now })}\n${timeline === "" ? "" : `\n${timeline}\n`}`,
      );
    }
    return finished.status === "SUCCEEDED" ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
  } finally {
    await target.close();
  }
}

async function start(
  target: ExecutionTarget,
  functionName: string,
  input: unknown,
  name: string | undefined,
): Promise<{ execution: ExecutionSummary; created: boolean }> {
  try {
    return await target.startExecution(functionName, { input, name });
  } catch (error) {
    // The engine's own message tells a programmer to call engine.register; a CLI user needs the list.
    if (!hasErrorCode(error, "NOT_FOUND")) throw error;
    const known = /\(registered functions: ([^)]*)\)/.exec(
      error instanceof Error ? error.message : "",
    )?.[1];
    throw new CliError(
      "UNKNOWN_FUNCTION",
      `${target.description} hosts no function "${functionName}".`,
      {
        hint:
          known === undefined
            ? "Functions are registered under their export names (a default export under its file name)."
            : `It hosts: ${known}.`,
        cause: error,
      },
    );
  }
}

/** Polls until the execution ends (or Ctrl-C: the execution keeps running on the server). */
async function follow(
  target: ExecutionTarget,
  started: ExecutionSummary,
  request: InvokeRequest,
  io: CliIo,
): Promise<ExecutionSummary | "interrupted"> {
  const view = createLiveView({
    stream: io.stdout,
    colors: colorsFor(io, io.stdout),
    mode: request.json ? "silent" : io.stdout.isTTY === true ? "redraw" : "lines",
    now: Date.now,
  });
  let isInterrupted = false;
  let wake: () => void = () => undefined;
  const interrupted = onInterrupt(async () => {
    isInterrupted = true;
    wake();
  });
  try {
    let execution = started;
    for (;;) {
      view.update(execution, await target.getOperations(execution.executionId));
      if (execution.status !== "RUNNING") return execution;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollIntervalMs);
      });
      if (isInterrupted) {
        view.finish();
        io.stderr.write(
          `\nStopped waiting. Execution ${execution.name} keeps running on ${target.description}; see it with:\n` +
            `  durably executions get ${execution.executionId}\n`,
        );
        return "interrupted";
      }
      execution = await target.getExecution(execution.executionId);
    }
  } finally {
    interrupted.dispose();
    view.finish();
  }
}
