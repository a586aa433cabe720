/**
 * `durably run`: load the module, open the database, recover leases of killed runs, then start
 * the execution or resume the unfinished one, show it live, and print the outcome and timeline.
 */
import { hostname } from "node:os";
import type {
  DurableFunctionHandler,
  Engine,
  EngineEvent,
  ExecutionSummary,
} from "@durably/engine";
import type { Operation } from "@durably/sdk/protocol";
import type { CliIo } from "../cli-io.ts";
import { colorsFor } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { isProcessAlive, recoverOrphanedLeases } from "../lease-recovery.ts";
import { createLiveView } from "../live/live-view.ts";
import type { LiveView } from "../live/live-view.ts";
import { loadUserModule, moduleBaseName } from "../module/load-user-module.ts";
import { invokeTargets } from "../module/invoke-targets.ts";
import { pickHandler } from "../module/pick-handler.ts";
import { parseExecutionNameOption, parseInputOption } from "../option-parsers.ts";
import { renderOutcome } from "../render/executions-view.ts";
import { formatDateTime } from "../render/format.ts";
import { executionWithOperationsToJson, toJsonText } from "../render/json-view.ts";
import { renderTimeline } from "../render/timeline.ts";
import { createCliEngine } from "./create-cli-engine.ts";
import { findResumableExecution, isSameInput } from "./execution-lookup.ts";
import { followExecution } from "./follow-execution.ts";
import { onInterrupt } from "./on-interrupt.ts";
import { isPostgresUrl, openStore } from "./open-store.ts";

/** How often to look at the database for changes made by other processes (ms). */
const pollIntervalMs = 1000;

/** What `durably run` was asked to do. */
export interface RunRequest {
  modulePath: string;
  exportName?: string | undefined;
  input?: string | undefined;
  name?: string | undefined;
  dbPath: string;
  /** PostgreSQL schema, when --db is a PostgreSQL URL. */
  schema?: string | undefined;
  fresh: boolean;
  json: boolean;
}

/** Runs (or resumes) the execution and returns the exit code. */
export async function runFunction(request: RunRequest, io: CliIo): Promise<number> {
  // Validate everything we can before touching the database: bad input must change nothing.
  const input = parseInputOption(request.input);
  const executionName = parseExecutionNameOption(request.name);
  const loaded = await loadUserModule(request.modulePath, io.cwd);
  const picked = pickHandler(loaded.namespace, {
    exportName: request.exportName,
    modulePath: request.modulePath,
    defaultExportName: moduleBaseName(loaded.path),
  });

  const store = await openStore(
    { db: request.dbPath, schema: request.schema },
    { cwd: io.cwd, create: true, fresh: request.fresh },
  );
  try {
    const recovered = await recoverOrphanedLeases(store, {
      hostname: hostname(),
      now: Date.now(),
      isProcessAlive,
    });
    if (recovered.length > 0 && !request.json) {
      io.stdout.write(
        `Recovered ${recovered.length} execution(s) whose process was killed: ${recovered.join(", ")}.\n`,
      );
    }
    const { engine } = createCliEngine(store, (error) => {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`warning: the engine reported an error: ${message}\n`);
    });
    engine.register(picked.functionName, picked.handler as unknown as DurableFunctionHandler);
    // The module's other functions are invoke targets: context.invoke finds them by export name.
    const module = {
      modulePath: request.modulePath,
      defaultExportName: moduleBaseName(loaded.path),
      namespace: loaded.namespace,
    };
    for (const target of invokeTargets(module, picked))
      engine.register(target.functionName, target.handler as unknown as DurableFunctionHandler);
    return await drive(engine, {
      request,
      io,
      input,
      executionName,
      functionName: picked.functionName,
    });
  } finally {
    await store.close();
  }
}

interface DriveContext {
  request: RunRequest;
  io: CliIo;
  input: unknown;
  executionName: string | undefined;
  functionName: string;
}

async function drive(engine: Engine, context: DriveContext): Promise<number> {
  const { io, request } = context;
  const colors = colorsFor(io, io.stdout);
  const say = (text: string): void => {
    if (!request.json) io.stdout.write(`${text}\n`);
  };

  // Listen before anything runs, so no change is missed; changes are replayed once we know our id.
  const seen = new Map<string, Operation[]>();
  let target: string | undefined;
  let view: LiveView | undefined;
  let header: ExecutionSummary | undefined;
  const unsubscribe = engine.subscribe((event: EngineEvent) => {
    if (event.type !== "operations-changed") return;
    if (target === undefined)
      seen.set(event.executionId, [...(seen.get(event.executionId) ?? []), ...event.operations]);
    else if (event.executionId === target && header !== undefined)
      view?.update(header, event.operations);
  });

  let execution = await chooseExecution(engine, context, say);
  target = execution.executionId;
  header = execution;
  if (execution.status !== "RUNNING") {
    unsubscribe();
    say(
      `Execution ${execution.name} already finished at ${formatDateTime(execution.endedAt ?? execution.startedAt)}; showing it.`,
    );
    return await finishRun(engine, execution, context);
  }

  view = createLiveView({
    stream: io.stdout,
    colors,
    mode: request.json ? "silent" : io.stdout.isTTY === true ? "redraw" : "lines",
    now: Date.now,
  });
  view.update(execution, await engine.getOperations(execution.executionId));
  view.update(execution, seen.get(execution.executionId) ?? []);
  seen.clear();

  const interrupted = onInterrupt(async () => {
    view?.finish();
    io.stderr.write(
      `\nInterrupted. Execution ${execution.name} stays RUNNING; resume it with:\n` +
        `  durably run ${request.modulePath} --name ${execution.name} --db ${
          // A URL may hold a password: never print it.
          isPostgresUrl(request.dbPath) ? "<the same --db>" : request.dbPath
        }\n`,
    );
    await engine.stop();
  });
  const followed = followExecution(engine, execution.executionId, {
    pollMs: pollIntervalMs,
    onOperations: (current, operations) => view?.update(current, operations),
  });
  try {
    engine.start();
    const outcome = await Promise.race([followed.done, interrupted.promise]);
    if (outcome === "interrupted") return ExitCode.INTERRUPTED;
    execution = outcome;
    await engine.stop();
    view.update(execution, await engine.getOperations(execution.executionId));
  } finally {
    followed.dispose();
    interrupted.dispose();
    unsubscribe();
    // Also on errors: a terminal must get its cursor back.
    view.finish();
  }
  return await finishRun(engine, execution, context);
}

/** The execution to drive: the named one, the unfinished one with the same input, or a new one. */
async function chooseExecution(
  engine: Engine,
  context: DriveContext,
  say: (text: string) => void,
): Promise<ExecutionSummary> {
  const { functionName, input, executionName } = context;
  if (executionName === undefined) {
    const resumable = await findResumableExecution(engine, functionName, input);
    if (resumable !== undefined) {
      say(
        `Resuming execution ${resumable.name} of ${functionName}, started ${formatDateTime(resumable.startedAt)}.`,
      );
      return resumable;
    }
  }
  const started = await engine.startExecution({
    functionName,
    ...(input === undefined ? {} : { input }),
    ...(executionName === undefined ? {} : { executionName }),
  });
  const { execution } = started;
  if (started.created) {
    say(`Started execution ${execution.name} of ${functionName}.`);
  } else {
    if (context.request.input !== undefined && !isSameInput(execution.input, input)) {
      context.io.stderr.write(
        `warning: execution ${execution.name} already exists with a different input; it keeps its original input.\n`,
      );
    }
    if (execution.status === "RUNNING") {
      say(
        `Resuming execution ${execution.name} of ${functionName}, started ${formatDateTime(execution.startedAt)}.`,
      );
    }
  }
  return execution;
}

/** Prints the outcome (or the JSON document) and maps the status to the exit code. */
async function finishRun(
  engine: Engine,
  execution: ExecutionSummary,
  context: DriveContext,
): Promise<number> {
  const { io } = context;
  const operations = await engine.getOperations(execution.executionId);
  if (context.request.json) {
    io.stdout.write(`${toJsonText(executionWithOperationsToJson(execution, operations))}\n`);
  } else {
    const colors = colorsFor(io, io.stdout);
    const now = Date.now();
    const timeline = renderTimeline({
      operations,
      startedAt: execution.startedAt,
      endedAt: execution.endedAt ?? now,
      colors,
    });
    io.stdout.write(
      `\n${renderOutcome(execution, { colors, now })}\n${timeline === "" ? "" : `\n${timeline}\n`}`,
    );
  }
  return execution.status === "SUCCEEDED" ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
}
