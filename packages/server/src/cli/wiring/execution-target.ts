/**
 * Where `invoke`, `executions stop` and `callback` act: a running server's HTTP API (`--url`), or
 * the database itself (`--db`), through an engine that is never started, so this process runs
 * nothing: the workers that share the database (`durably serve`, `durably worker`) pick the change up.
 */
import type { DurableFunctionHandler, Engine, ExecutionSummary } from "@durably/engine";
import type { ErrorObject, Operation } from "@durably/sdk/protocol";
import { CliError } from "../cli-error.ts";
import type { CliIo } from "../cli-io.ts";
import { apiTokenVariable, createApiClient } from "./api-client.ts";
import { createCliEngine } from "./create-cli-engine.ts";
import { findExecution } from "./execution-lookup.ts";
import { describeStoreLocation, openStore } from "./open-store.ts";

/** The operations these commands need, on either side. */
export interface ExecutionTarget {
  /** "the server at URL" or "the database FILE", for messages. */
  readonly description: string;
  startExecution(
    functionName: string,
    request: { input?: unknown; name?: string | undefined },
  ): Promise<{ execution: ExecutionSummary; created: boolean }>;
  findExecution(idOrName: string, functionName?: string): Promise<ExecutionSummary>;
  getExecution(executionId: string): Promise<ExecutionSummary>;
  getOperations(executionId: string): Promise<Operation[]>;
  stopExecution(executionId: string, error?: ErrorObject): Promise<void>;
  sendCallback(
    callbackId: string,
    outcome: "succeed" | "fail" | "heartbeat",
    payload?: string,
  ): Promise<void>;
  close(): Promise<void>;
}

/** `--url` or `--db`, as given (the db has a default, so only --url decides). */
export interface TargetOptions {
  url?: string | undefined;
  db: string;
  /** PostgreSQL schema (`--schema`). */
  schema?: string | undefined;
  /** Whether --db was given explicitly (both given is a mistake). */
  isDbExplicit: boolean;
}

/** Opens the target the options name. */
export async function openExecutionTarget(
  options: TargetOptions,
  io: CliIo,
): Promise<ExecutionTarget> {
  if (options.url !== undefined) {
    if (options.isDbExplicit)
      throw new CliError("INVALID_OPTION", "Pass --url or --db, not both.", {
        hint: "--url talks to a running server; --db writes to its database directly.",
      });
    const token = io.env[apiTokenVariable];
    const client = createApiClient(
      options.url,
      token === undefined || token === "" ? undefined : token,
    );
    return { description: `the server at ${options.url}`, ...client, close: async () => undefined };
  }
  const location = { db: options.db, schema: options.schema };
  const store = await openStore(location, { cwd: io.cwd, create: false });
  const { engine } = createCliEngine(store);
  return databaseTarget(engine, describeStoreLocation(location), () => store.close());
}

// Never invoked (the engine is not started); it only lets startExecution accept the name, since
// this process cannot know which functions the workers host.
const placeholder: DurableFunctionHandler = async () => ({ Status: "PENDING" });

function databaseTarget(engine: Engine, db: string, close: () => Promise<void>): ExecutionTarget {
  return {
    description: `the database ${db}`,
    async startExecution(functionName, request) {
      engine.register(functionName, placeholder);
      return engine.startExecution({
        functionName,
        ...(request.input === undefined ? {} : { input: request.input }),
        ...(request.name === undefined ? {} : { executionName: request.name }),
      });
    },
    findExecution: (idOrName, functionName) => findExecution(engine, idOrName, functionName),
    getExecution: (executionId) => engine.getExecution(executionId),
    getOperations: (executionId) => engine.getOperations(executionId),
    async stopExecution(executionId, error) {
      await engine.stopExecution(executionId, error);
    },
    async sendCallback(callbackId, outcome, payload) {
      if (outcome === "succeed") await engine.sendCallbackSuccess(callbackId, payload);
      else if (outcome === "fail")
        await engine.sendCallbackFailure(
          callbackId,
          payload === undefined ? undefined : (JSON.parse(payload) as ErrorObject),
        );
      else await engine.sendCallbackHeartbeat(callbackId);
    },
    close,
  };
}
